import { describe, expect } from 'vitest'
import type { RouteBody, RouteResponse } from '../../shared/api/contract'
import { inspectionYear } from '../support/calendar'
import type { SignedIn, SignedMember } from '../support/builders'
import { test } from '../support/fixtures'

const idOf = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`
const apply = (member: SignedMember, body: RouteBody<'submitInspection'> = { year: inspectionYear(), commitmentAccepted: true }) =>
  member.call('submitInspection', { body })
const refuse = (member: SignedMember, body: RouteBody<'submitInspection'>) => member.refused('submitInspection', { body })
/** What the contract would not let a caller type, sent on purpose to see the server refuse it. */
const outsideContract = (body: unknown) => body as never
const decide = (staff: SignedIn, id: string, body: RouteBody<'decideInspection'>) => staff.call('decideInspection', { params: { id }, body })
const returnReason = '请补充上传学时证明材料。'
/** A member of 浙江 with hours met, fee 免会费 and 完善信息 saved: nothing blocks the application. */
const eligible = { hours: 40, fee: '免会费', info: true, record: { name: '张晓明' } } as const

/** 张晓明's application of this 年检年度, waiting for 浙江注协 (or, for `returned`, sent back by it). */
const appliedTest = test.extend<{ applied: SignedMember; returned: SignedMember }>({
  applied: async ({ aMember }, use) => {
    const member = await aMember(eligible)
    await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
    await use(member)
  },
  returned: async ({ applied, localStaff }, use) => {
    const params = { id: idOf(applied) }
    const { version } = await localStaff.ok('inspectionDetail', { params })
    await localStaff.ok('decideInspection', { params, body: { decision: 'return', opinion: returnReason, version } })
    await use(applied)
  },
})

describe('the 年检申请 table and its blocking rules', () => {
  test('shows hours, fee and no application for a member who may apply', async ({ aMember }) => {
    const zhang = await aMember(eligible)
    expect(await zhang.ok('inspectionOverview')).toMatchObject({
      year: inspectionYear(),
      lastInspectionYear: null,
      hours: { required: 40, done: 40, missing: 0 },
      fee: '免会费',
      application: null,
      blockers: [],
      homeBadge: null,
      unreadMessages: 0,
    })
  })

  test('blocks a member whose hours are short and whose fee is unpaid, and refuses the submission', async ({ aMember }) => {
    const li = await aMember({ hours: 20, fee: '去支付' })
    const overview = await li.ok('inspectionOverview')
    expect(overview.hours).toEqual({ required: 40, done: 20, missing: 20 })
    expect(overview.fee).toBe('去支付')
    expect(overview.blockers).toEqual([
      '请先完善信息（带 * 的为必填项）',
      '累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时',
      '会费尚未缴纳，请先完成缴费',
    ])
    const refused = await refuse(li, { year: inspectionYear(), commitmentAccepted: true })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain('还需完成 20 学时')
    expect(refused.body.message).toContain('请先完善信息')
    expect((await li.ok('inspectionOverview')).application).toBeNull()
  })

  test('blocks a member whose fee is 待确认 although the hours are met', async ({ aMember }) => {
    const wang = await aMember({ association: 'BJ', hours: 40, fee: '待确认', info: true })
    const overview = await wang.ok('inspectionOverview')
    expect(overview.hours.missing).toBe(0)
    expect(overview.blockers).toEqual(['会费缴纳情况待所属注协确认，确认后方可申请年检'])
    const refused = await refuse(wang, { year: inspectionYear(), commitmentAccepted: true })
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe('会费缴纳情况待所属注协确认，确认后方可申请年检')
    expect((await wang.ok('inspectionHistory')).items).toEqual([])
  })

  test('refuses an unticked commitment letter, another year and malformed bodies with field messages', async ({ aMember }) => {
    const zhang = await aMember(eligible)
    const unticked = await refuse(zhang, { year: inspectionYear(), commitmentAccepted: false })
    expect(unticked.status).toBe(400)
    expect(unticked.body.fieldErrors).toEqual({ commitmentAccepted: '请阅读并勾选承诺书' })
    const missing = await refuse(zhang, outsideContract({ year: inspectionYear() }))
    expect(missing.body.fieldErrors?.commitmentAccepted).toBe('请填写承诺书')
    const otherYear = await refuse(zhang, { year: inspectionYear() - 1, commitmentAccepted: true })
    expect(otherYear.status).toBe(400)
    expect(otherYear.body.fieldErrors?.year).toContain(`${inspectionYear()}年度`)
    for (const wrong of ['abc', true, String(inspectionYear())]) {
      const badYear = await refuse(zhang, outsideContract({ year: wrong, commitmentAccepted: true }))
      expect(badYear.status).toBe(400)
      expect(badYear.body.fieldErrors?.year).toBe('年检年度格式不正确')
    }
    expect((await refuse(zhang, outsideContract({ commitmentAccepted: true }))).body.fieldErrors?.year).toBe('请填写年检年度')
    expect((await zhang.ok('inspectionOverview')).application).toBeNull()
  })

  test('keeps staff out of member routes and members out of staff routes', async ({ stack, member, localStaff }) => {
    expect((await localStaff.refused('inspectionOverview')).status).toBe(403)
    expect((await member.refused('decideInspection', { params: { id: idOf(member) }, body: { decision: 'pass', opinion: '', version: 1 } })).status).toBe(403)
    expect((await member.refused('inspectionNotice')).status).toBe(403)
    expect((await stack.api.refused('inspectionOverview')).status).toBe(401)
  })
})

describe('apply → return → message → re-apply → pass → history', () => {
  test('lets local staff set the notice shown after a successful application', async ({ aLocalStaff }) => {
    // 江苏注协's notice is this test's alone: no other test of the file saves it.
    const [jsStaff, bjStaff] = [await aLocalStaff('JS'), await aLocalStaff('BJ')]
    const empty = await jsStaff.refused('saveInspectionNotice', { body: { notice: '  ', version: 0 } })
    expect(empty.status).toBe(400)
    expect(empty.body.fieldErrors?.notice).toBe('请填写自定义通知')
    const saved = await jsStaff.ok('saveInspectionNotice', { body: { notice: '江苏注协提示：年检结果将于30个工作日内公布。', version: 0 } })
    expect(saved).toMatchObject({
      association: { code: 'JS', name: '江苏省注册会计师协会' },
      notice: '江苏注协提示：年检结果将于30个工作日内公布。',
      version: 1,
    })
    // A second editor who read the old version does not overwrite the first one's text.
    const stale = await jsStaff.refused('saveInspectionNotice', { body: { notice: '旧版本上的修改', version: 0 } })
    expect(stale.status).toBe(409)
    expect((await jsStaff.ok('inspectionNotice')).notice).toBe('江苏注协提示：年检结果将于30个工作日内公布。')
    expect((await bjStaff.ok('inspectionNotice')).notice).toBe('如有疑问，请联系所属地方注协。')
  })

  test('submits once, shows the success text with the association notice, and refuses a double submit', async ({ aMember, aLocalStaff }) => {
    // 上海注协's notice is this test's alone: no other test of the file saves it.
    const shStaff = await aLocalStaff('SH')
    const { version } = await shStaff.ok('inspectionNotice')
    await shStaff.ok('saveInspectionNotice', { body: { notice: '上海注协提示：年检结果将于30个工作日内公布。', version } })
    const member = await aMember({ ...eligible, association: 'SH' })
    const first = await apply(member)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      successText: '申请成功，请明年按时参加年检。',
      notice: '上海注协提示：年检结果将于30个工作日内公布。',
      application: { id: idOf(member), year: inspectionYear(), kind: 'inspection', status: 'pending', statusLabel: '地方注协审核中' },
    })
    const again = await apply(member)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ message: expect.stringContaining('请勿重复提交') })
    const overview = await member.ok('inspectionOverview')
    expect(overview.homeBadge).toBe('审核中')
    expect(overview.blockers).toContain('本年度申请正在审核中，请勿重复提交')
  })

  appliedTest('puts the application in its own association inbox only', async ({ applied, localStaff, aLocalStaff }) => {
    const id = idOf(applied)
    expect((await localStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items).toContainEqual(
      expect.objectContaining({ id, title: '张晓明', subtitle: `${inspectionYear()}年度年检申请 · ${applied.member.memberNo}` }),
    )
    const bjStaff = await aLocalStaff('BJ')
    expect((await bjStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items).not.toContainEqual(expect.objectContaining({ id }))
  })

  appliedTest(
    'shows the application to its member and its association, 404 to other members, 403 to other associations',
    async ({ applied, member: li, localStaff, aLocalStaff }) => {
      const params = { id: idOf(applied) }
      const { idNumber } = applied.member
      const own = await applied.ok('inspectionDetail', { params })
      expect(own.member).toMatchObject({
        name: '张晓明',
        idNumberMasked: `${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`,
        association: { name: '浙江省注册会计师协会' },
      })
      expect(JSON.stringify(own)).not.toContain(idNumber)
      expect(own.trail).toEqual([expect.objectContaining({ node: '非执业会员提交年检申请', unit: '非执业会员 张晓明' })])
      const staff = await localStaff.ok('inspectionDetail', { params })
      expect(staff.hours).toEqual({ required: 40, done: 40, missing: 0 })
      expect(staff.fee).toBe('免会费')
      const bjStaff = await aLocalStaff('BJ')
      expect((await li.refused('inspectionDetail', { params })).status).toBe(404)
      expect((await bjStaff.refused('inspectionDetail', { params })).status).toBe(403)
      expect((await decide(bjStaff, params.id, { decision: 'pass', opinion: '', version: own.version })).status).toBe(403)
      expect((await li.refused('inspectionDetail', { params: { id: idOf(li) } })).status).toBe(404)
      const malformed = await applied.refused('inspectionDetail', { params: { id: 'not-an-id' } })
      expect(malformed.status).toBe(400)
      expect(malformed.body.fieldErrors?.id).toBe('申请编号格式不正确')
    },
  )

  appliedTest('needs a reason to return, and lets only one of two racing staff actions win', async ({ applied, localStaff }) => {
    const id = idOf(applied)
    const { version } = await localStaff.ok('inspectionDetail', { params: { id } })
    const noReason = await decide(localStaff, id, { decision: 'return', opinion: '  ', version })
    expect(noReason.status).toBe(400)
    expect(noReason.body).toMatchObject({ fieldErrors: { opinion: '退回时请填写退回原因' } })
    const badDecision = await decide(localStaff, id, outsideContract({ decision: 'maybe', opinion: '', version }))
    expect(badDecision.body).toMatchObject({ fieldErrors: { decision: '请选择有效的审核结果' } })

    // Two reviewers return it at the same moment with different reasons: exactly one is recorded.
    const answers = await Promise.all([
      decide(localStaff, id, { decision: 'return', opinion: returnReason, version }),
      decide(localStaff, id, { decision: 'return', opinion: '另一位审核员的意见', version }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const winner = answers.find((answer) => answer.status === 200)!.body as RouteResponse<'decideInspection'>
    expect(winner).toMatchObject({ status: 'returned', statusLabel: '地方注协退回' })
    expect(winner.trail).toHaveLength(2)
    expect([returnReason, '另一位审核员的意见']).toContain(winner.returnReason)
    expect((await applied.ok('inspectionDetail', { params: { id } })).returnReason).toBe(winner.returnReason)
    expect((await localStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items).not.toContainEqual(expect.objectContaining({ id }))
  })

  appliedTest('tells the member: badge 已退回, an unread message with node, unit, reason and time', async ({ returned, member: li }) => {
    const id = idOf(returned)
    const overview = await returned.ok('inspectionOverview')
    expect(overview.homeBadge).toBe('已退回')
    expect(overview.unreadMessages).toBe(1)
    expect(overview.blockers).toEqual([])
    const messages = await returned.ok('memberMessages')
    expect(messages.unread).toBe(1)
    expect(messages.items).toEqual([
      expect.objectContaining({
        title: `您的${inspectionYear()}年度年检申请被退回`,
        node: '地方注协非执业会员年检审核退回',
        unit: '浙江省注册会计师协会',
        opinion: returnReason,
        read: false,
        subjectId: id,
      }),
    ])
    const messageId = messages.items[0]!.id
    expect((await li.refused('readMessage', { params: { id: messageId } })).status).toBe(404)
    expect((await returned.refused('readMessage', { params: { id: 'nope' } })).status).toBe(400)
    expect(await returned.ok('readMessage', { params: { id: messageId } })).toEqual({ unread: 0 })
    expect((await returned.ok('inspectionOverview')).unreadMessages).toBe(0)
    expect(await li.ok('memberMessages')).toEqual({ unread: 0, items: [] })
  })

  appliedTest('re-applies on the same record; a decision on the old submission is refused', async ({ returned, localStaff }) => {
    const id = idOf(returned)
    const before = await returned.ok('inspectionDetail', { params: { id } })
    const again = await apply(returned)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ application: { id, status: 'pending', returnReason: null } })
    const stale = await decide(localStaff, id, { decision: 'pass', opinion: '', version: before.version })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ message: '申请人已重新提交，请刷新后重新审核' })
  })

  appliedTest('passes, and the history shows 年检通过 with the whole trail', async ({ returned: zhang, localStaff }) => {
    const id = idOf(zhang)
    const [returnMessage] = (await zhang.ok('memberMessages')).items
    await zhang.ok('readMessage', { params: { id: returnMessage!.id } })
    await zhang.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
    const { version } = await localStaff.ok('inspectionDetail', { params: { id } })
    const passed = await decide(localStaff, id, { decision: 'pass', opinion: '', version })
    expect(passed.status).toBe(200)
    expect((passed.body as RouteResponse<'decideInspection'>).trail.map((entry) => entry.node)).toEqual([
      '非执业会员提交年检申请',
      '地方注协非执业会员年检审核退回',
      '非执业会员提交年检申请',
      '地方注协非执业会员年检审核通过',
    ])
    expect((await decide(localStaff, id, { decision: 'return', opinion: '晚了', version: version + 1 })).status).toBe(409)

    expect((await zhang.ok('inspectionHistory')).items).toEqual([
      expect.objectContaining({ id, year: inspectionYear(), status: 'passed', statusLabel: '年检通过' }),
    ])
    expect((await zhang.ok('inspectionHistory', { query: { year: inspectionYear(), status: 'passed' } })).items).toHaveLength(1)
    expect((await zhang.ok('inspectionHistory', { query: { status: 'returned' } })).items).toEqual([])
    expect((await zhang.ok('inspectionHistory', { query: { year: inspectionYear() - 1 } })).items).toEqual([])
    const badFilter = await zhang.refused('inspectionHistory', { query: outsideContract({ status: 'unknown' }) })
    expect(badFilter.status).toBe(400)
    expect(badFilter.body.fieldErrors?.status).toBe('请选择有效的审核状态')

    expect(await zhang.ok('inspectionOverview')).toMatchObject({ homeBadge: '已通过', lastInspectionYear: inspectionYear(), unreadMessages: 1 })
    expect((await apply(zhang)).status).toBe(409)
  })
})

describe('concurrent submissions', () => {
  test('accepts one of two simultaneous submissions and refuses the other', async ({ aMember, localStaff }) => {
    // 李华 has completed her hours, paid and saved 完善信息, then taps 确定 twice in quick succession.
    const li = await aMember({ hours: 40, fee: '已确认', info: true, record: { name: '李华' } })
    const id = idOf(li)
    const answers = await Promise.all([apply(li), apply(li)])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const inbox = (await localStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items
    expect(inbox.filter((item) => item.id === id)).toHaveLength(1)
    expect((await li.ok('inspectionDetail', { params: { id } })).trail).toHaveLength(1)
  })
})
