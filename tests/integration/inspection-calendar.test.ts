import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, DEMO_STAFF, type DemoAccount } from '../../functions/local/demo-data'
import { setClock } from '../support/calendar'
import { startTestStack } from '../support/stack'

/**
 * The calendar through HTTP: this file lives in January 2027 (the demo data is written then), so
 * members apply for 2026年度; later tests move the clock across windows and years.
 */
const [zhang, li] = DEMO_MEMBERS.map((member) => member.account) as [DemoAccount, DemoAccount]
const [, zjStaff, bjStaff] = DEMO_STAFF as [DemoAccount, DemoAccount, DemoAccount]

let stack: Awaited<ReturnType<typeof startTestStack>>
const tokens: Record<string, string> = {}
const token = async (account: DemoAccount) => (tokens[account.username] ??= await stack.api.token(account.userType, account.username, account.password))
const get = async (path: string, who: DemoAccount) => stack.api.request('GET', path, { token: await token(who) })
const send = async (method: string, path: string, who: DemoAccount, body?: unknown) => stack.api.request(method, path, { token: await token(who), body })
const overview = async (who: DemoAccount) => (await get('/api/v1/inspection/overview', who)).body
const settings = async () => (await get('/api/v1/staff/inspection-notice', zjStaff)).body
const saveWindow = async (body: Record<string, unknown>, who = zjStaff) =>
  send('PUT', '/api/v1/staff/inspection-notice', who, { notice: '浙江注协提示：请按时参加年检。', version: (await settings()).version, ...body })

beforeAll(async () => {
  setClock('2027-01-15T10:00:00+08:00')
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('年检年度 in January 2027', () => {
  it('is 2026: the table shows 2026年度 with 2026’s hours and the default window', async () => {
    expect(await overview(zhang)).toMatchObject({
      year: 2026,
      hoursYears: [2026],
      hours: { required: 40, done: 40, missing: 0 },
      window: { opensOn: '2027-01-01', closesOn: '2027-12-31' },
      blockers: [],
    })
  })

  it('refuses another year, naming the one that can be applied for', async () => {
    const refused = await send('POST', '/api/v1/inspection/applications', zhang, { year: 2027, commitmentAccepted: true })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors.year).toBe('现在只能申请2026年度的年检')
  })
})

describe('an association’s application window', () => {
  it('is checked: it must open after the year ended, close after it opens, and be for this or next 年检年度', async () => {
    const early = await saveWindow({ windowYear: 2026, opensOn: '2026-12-01', closesOn: '2027-06-30' })
    expect(early.status).toBe(400)
    expect(early.body.fieldErrors).toEqual({ opensOn: '2026年度年检最早于2027-01-01开始' })
    const backwards = await saveWindow({ windowYear: 2026, opensOn: '2027-03-01', closesOn: '2027-02-01' })
    expect(backwards.body.fieldErrors).toEqual({ closesOn: '截止日期不能早于开始日期' })
    const foreign = await saveWindow({ windowYear: 2024, opensOn: '2025-03-01', closesOn: '2025-06-30' })
    expect(foreign.body.fieldErrors.windowYear).toBe('只能设置2026、2027年度的年检申请时间')
    const halfSent = await saveWindow({ windowYear: 2026, opensOn: '2027-03-01' })
    expect(halfSent.body.fieldErrors).toEqual({ closesOn: '请填写截止日期' })
    const badDate = await saveWindow({ windowYear: 2026, opensOn: '2027-02-30', closesOn: '2027-06-30' })
    expect(badDate.body.fieldErrors.opensOn).toBe('开始日期不是有效日期')
    expect((await send('PUT', '/api/v1/staff/inspection-notice', zhang, { notice: 'x', version: 0 })).status).toBe(403)
    expect((await settings()).windows).toEqual([
      { year: 2026, opensOn: '2027-01-01', closesOn: '2027-12-31', custom: false },
      { year: 2027, opensOn: '2028-01-01', closesOn: '2028-12-31', custom: false },
    ])
  })

  it('keeps members out before it opens and after it closes, on screen and in the API, for its association only', async () => {
    const saved = await saveWindow({ windowYear: 2026, opensOn: '2027-03-01', closesOn: '2027-06-30' })
    expect(saved.status).toBe(200)
    expect(saved.body.windows[0]).toEqual({ year: 2026, opensOn: '2027-03-01', closesOn: '2027-06-30', custom: true })

    const notYet = '2026年度年检申请将于2027-03-01开始，届时再来申请'
    expect(await overview(zhang)).toMatchObject({ window: { opensOn: '2027-03-01', closesOn: '2027-06-30' }, blockers: [notYet], deferralBlockers: [notYet] })
    const refused = await send('POST', '/api/v1/inspection/applications', zhang, { year: 2026, commitmentAccepted: true })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe(notYet)
    const deferral = await send('POST', '/api/v1/inspection/deferrals', li, { year: 2026, commitmentAccepted: true, reason: '出国工作' })
    expect(deferral.body.message).toBe(notYet)
    // 北京注协 set nothing: its members keep the default window.
    expect((await get('/api/v1/staff/inspection-notice', bjStaff)).body.windows[0].custom).toBe(false)

    setClock('2027-06-30T23:59:00+08:00')
    expect((await overview(zhang)).blockers).toEqual([])
    setClock('2027-07-01T00:00:00+08:00')
    const closed = '2026年度年检申请已于2027-06-30截止，如需办理请联系所属地方注协'
    expect((await overview(zhang)).blockers).toEqual([closed])
    expect((await send('POST', '/api/v1/inspection/applications', zhang, { year: 2026, commitmentAccepted: true })).body.message).toBe(closed)

    setClock('2027-03-01T00:00:00+08:00')
    const applied = await send('POST', '/api/v1/inspection/applications', zhang, { year: 2026, commitmentAccepted: true })
    expect(applied.status).toBe(200)
    expect(applied.body.application).toMatchObject({ id: `${zhang.username}-2026`, status: 'pending' })
  })

  it('can be set ahead for the next 年检年度', async () => {
    const saved = await saveWindow({ windowYear: 2027, opensOn: '2028-02-01', closesOn: '2028-05-31' })
    expect(saved.status).toBe(200)
    expect(saved.body.windows[1]).toEqual({ year: 2027, opensOn: '2028-02-01', closesOn: '2028-05-31', custom: true })
  })
})

describe('the years an inspection answers for', () => {
  it('turns over at midnight in Beijing, and counts every year since the last pass', async () => {
    const passed = await send('POST', `/api/v1/staff/inspections/${zhang.username}-2026/decision`, zjStaff, { decision: 'pass', opinion: '', version: 1 })
    expect(passed.status).toBe(200)

    setClock('2027-12-31T23:59:59+08:00')
    expect(await overview(zhang)).toMatchObject({ year: 2026, lastInspectionYear: 2026, homeBadge: '已通过' })

    // 2028-01-01 00:00 Beijing: 2027年度 opens only on 02-01 (set above); its hours are owed.
    setClock('2028-01-01T00:00:00+08:00')
    expect(await overview(zhang)).toMatchObject({
      year: 2027,
      lastInspectionYear: 2026,
      hoursYears: [2027],
      hours: { required: 40, done: 0, missing: 40 },
      application: null,
      blockers: expect.arrayContaining(['2027年度年检申请将于2028-02-01开始，届时再来申请']),
    })

    // Two years later nobody applied in between: 2027 and 2028 are both owed.
    setClock('2029-02-28T09:00:00+08:00')
    expect(await overview(zhang)).toMatchObject({
      year: 2028,
      lastInspectionYear: 2026,
      hoursYears: [2027, 2028],
      hours: { required: 80, done: 0, missing: 80 },
    })
  })
})
