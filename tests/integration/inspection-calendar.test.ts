import { beforeEach, describe, expect } from 'vitest'
import type { RouteBody } from '../../shared/api/contract'
import type { SignedIn, SignedMember } from '../support/builders'
import { setClock } from '../support/calendar'
import { test } from '../support/fixtures'

/**
 * The calendar through HTTP: every test starts in January 2027, so members apply for 2026年度;
 * some move the clock across windows and years. A test that sets an association's window has that
 * association to itself; 浙江 and 北京 keep the default windows throughout.
 */
beforeEach(() => setClock('2027-01-15T10:00:00+08:00'))

type WindowBody = Omit<RouteBody<'saveInspectionNotice'>, 'notice' | 'version'>
const saveWindow = async (staff: SignedIn, body: WindowBody) =>
  staff.call('saveInspectionNotice', { body: { notice: '注协提示：请按时参加年检。', version: (await staff.ok('inspectionNotice')).version, ...body } })
const refusedWindow = async (staff: SignedIn, body: WindowBody) => (await saveWindow(staff, body)).body as { fieldErrors: Record<string, string> }
/** A member of `association` with 2026's hours met, fee 免会费 and 完善信息 saved: only the calendar may stand in the way. */
const ready = (association: string) => ({ association, hours: 40, fee: '免会费', info: true }) as const
const apply2026 = (member: SignedMember) => member.call('submitInspection', { body: { year: 2026, commitmentAccepted: true } })

describe('年检年度 in January 2027', () => {
  test('is 2026: the table shows 2026年度 with 2026’s hours and the default window', async ({ aMember }) => {
    const zhang = await aMember(ready('ZJ'))
    expect(await zhang.ok('inspectionOverview')).toMatchObject({
      year: 2026,
      hoursYears: [2026],
      hours: { required: 40, done: 40, missing: 0 },
      window: { opensOn: '2027-01-01', closesOn: '2027-12-31' },
      blockers: [],
    })
  })

  test('refuses another year, naming the one that can be applied for', async ({ aMember }) => {
    const zhang = await aMember(ready('ZJ'))
    const refused = await zhang.refused('submitInspection', { body: { year: 2027, commitmentAccepted: true } })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.year).toBe('现在只能申请2026年度的年检')
  })
})

describe('an association’s application window', () => {
  test('is checked: it must open after the year ended, close after it opens, and be for this or next 年检年度', async ({ localStaff, member }) => {
    const early = await saveWindow(localStaff, { windowYear: 2026, opensOn: '2026-12-01', closesOn: '2027-06-30' })
    expect(early.status).toBe(400)
    expect((early.body as { fieldErrors: object }).fieldErrors).toEqual({ opensOn: '2026年度年检最早于2027-01-01开始' })
    expect((await refusedWindow(localStaff, { windowYear: 2026, opensOn: '2027-03-01', closesOn: '2027-02-01' })).fieldErrors).toEqual({
      closesOn: '截止日期不能早于开始日期',
    })
    expect((await refusedWindow(localStaff, { windowYear: 2024, opensOn: '2025-03-01', closesOn: '2025-06-30' })).fieldErrors.windowYear).toBe(
      '只能设置2026、2027年度的年检申请时间',
    )
    expect((await refusedWindow(localStaff, { windowYear: 2026, opensOn: '2027-03-01' })).fieldErrors).toEqual({ closesOn: '请填写截止日期' })
    expect((await refusedWindow(localStaff, { windowYear: 2026, opensOn: '2027-02-30', closesOn: '2027-06-30' })).fieldErrors.opensOn).toBe(
      '开始日期不是有效日期',
    )
    expect((await member.refused('saveInspectionNotice', { body: { notice: 'x', version: 0 } })).status).toBe(403)
    expect((await localStaff.ok('inspectionNotice')).windows).toEqual([
      { year: 2026, opensOn: '2027-01-01', closesOn: '2027-12-31', custom: false },
      { year: 2027, opensOn: '2028-01-01', closesOn: '2028-12-31', custom: false },
    ])
  })

  test('keeps members out before it opens and after it closes, on screen and in the API, for its association only', async ({ aMember, aLocalStaff }) => {
    // 上海注协's window is this test's alone.
    const shStaff = await aLocalStaff('SH')
    const saved = await saveWindow(shStaff, { windowYear: 2026, opensOn: '2027-03-01', closesOn: '2027-06-30' })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ windows: [{ year: 2026, opensOn: '2027-03-01', closesOn: '2027-06-30', custom: true }, expect.anything()] })
    const zhang = await aMember(ready('SH'))
    const li = await aMember({ association: 'SH', hours: 20, fee: '去支付' })

    const notYet = '2026年度年检申请将于2027-03-01开始，届时再来申请'
    expect(await zhang.ok('inspectionOverview')).toMatchObject({
      window: { opensOn: '2027-03-01', closesOn: '2027-06-30' },
      blockers: [notYet],
      deferralBlockers: [notYet],
    })
    const refused = await apply2026(zhang)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ message: notYet })
    const deferral = await li.call('submitDeferral', { body: { year: 2026, commitmentAccepted: true, reason: '出国工作' } })
    expect(deferral.body).toMatchObject({ message: notYet })
    // 北京注协 set nothing: its members keep the default window.
    expect((await (await aLocalStaff('BJ')).ok('inspectionNotice')).windows[0]!.custom).toBe(false)

    setClock('2027-06-30T23:59:00+08:00')
    expect((await zhang.ok('inspectionOverview')).blockers).toEqual([])
    setClock('2027-07-01T00:00:00+08:00')
    const closed = '2026年度年检申请已于2027-06-30截止，如需办理请联系所属地方注协'
    expect((await zhang.ok('inspectionOverview')).blockers).toEqual([closed])
    expect((await apply2026(zhang)).body).toMatchObject({ message: closed })

    setClock('2027-03-01T00:00:00+08:00')
    const applied = await apply2026(zhang)
    expect(applied.status).toBe(200)
    expect(applied.body).toMatchObject({ application: { id: `${zhang.member.memberNo}-2026`, status: 'pending' } })
  })

  test('can be set ahead for the next 年检年度', async ({ aLocalStaff }) => {
    // 安徽注协's window is this test's alone.
    const saved = await saveWindow(await aLocalStaff('AH'), { windowYear: 2027, opensOn: '2028-02-01', closesOn: '2028-05-31' })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ windows: [expect.anything(), { year: 2027, opensOn: '2028-02-01', closesOn: '2028-05-31', custom: true }] })
  })
})

describe('the years an inspection answers for', () => {
  test('turns over at midnight in Beijing, and counts every year since the last pass', async ({ aMember, aLocalStaff }) => {
    // 江苏注协's window is this test's alone: 2026年度 keeps the default, 2027年度 opens on 2028-02-01.
    const jsStaff = await aLocalStaff('JS')
    expect((await saveWindow(jsStaff, { windowYear: 2027, opensOn: '2028-02-01', closesOn: '2028-05-31' })).status).toBe(200)
    const zhang = await aMember(ready('JS'))
    const params = { id: `${zhang.member.memberNo}-2026` }
    expect((await apply2026(zhang)).status).toBe(200)
    const { version } = await jsStaff.ok('inspectionDetail', { params })
    await jsStaff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version } })

    setClock('2027-12-31T23:59:59+08:00')
    expect(await zhang.ok('inspectionOverview')).toMatchObject({ year: 2026, lastInspectionYear: 2026, homeBadge: '已通过' })

    // 2028-01-01 00:00 Beijing: 2027年度 opens only on 02-01; its hours are owed.
    setClock('2028-01-01T00:00:00+08:00')
    expect(await zhang.ok('inspectionOverview')).toMatchObject({
      year: 2027,
      lastInspectionYear: 2026,
      hoursYears: [2027],
      hours: { required: 40, done: 0, missing: 40 },
      application: null,
      blockers: expect.arrayContaining(['2027年度年检申请将于2028-02-01开始，届时再来申请']),
    })

    // Two years later nobody applied in between: 2027 and 2028 are both owed.
    setClock('2029-02-28T09:00:00+08:00')
    expect(await zhang.ok('inspectionOverview')).toMatchObject({
      year: 2028,
      lastInspectionYear: 2026,
      hoursYears: [2027, 2028],
      hours: { required: 80, done: 0, missing: 80 },
    })
  })
})
