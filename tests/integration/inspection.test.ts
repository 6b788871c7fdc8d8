import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { inspectionYear } from '../support/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { config } from '../../functions/config'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const [zhang, li, wang] = DEMO_MEMBERS.map((member) => member.account)
const [, zjStaff, bjStaff] = DEMO_STAFF
const tokens: Record<string, string> = {}
const token = async (account: { userType: any; username: string; password: string }) =>
  (tokens[account.username] ??= await stack.api.token(account.userType, account.username, account.password))

const get = async (path: string, who: Parameters<typeof token>[0]) => stack.api.request('GET', path, { token: await token(who) })
const post = async (path: string, who: Parameters<typeof token>[0], body?: unknown) => stack.api.request('POST', path, { token: await token(who), body })
const apply = (who: Parameters<typeof token>[0], body: unknown = { year: inspectionYear(), commitmentAccepted: true }) =>
  post('/api/v1/inspection/applications', who, body)
const decide = (id: string, body: unknown, who = zjStaff!) => post(`/api/v1/staff/inspections/${id}/decision`, who, body)

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('the 年检申请 table and its blocking rules', () => {
  it('shows hours, fee and no application for a member who may apply', async () => {
    const { status, body } = await get('/api/v1/inspection/overview', zhang!)
    expect(status).toBe(200)
    expect(body).toMatchObject({
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

  it('blocks a member whose hours are short and whose fee is unpaid, and refuses the submission', async () => {
    const { body } = await get('/api/v1/inspection/overview', li!)
    expect(body.hours).toEqual({ required: 40, done: 20, missing: 20 })
    expect(body.fee).toBe('去支付')
    expect(body.blockers).toEqual(['请先完善信息（带 * 的为必填项）', '累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时', '会费尚未缴纳，请先完成缴费'])
    const refused = await apply(li!)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain('还需完成 20 学时')
    expect(refused.body.message).toContain('请先完善信息')
    expect((await get('/api/v1/inspection/overview', li!)).body.application).toBeNull()
  })

  it('blocks a member whose fee is 待确认 although the hours are met', async () => {
    const { body } = await get('/api/v1/inspection/overview', wang!)
    expect(body.hours.missing).toBe(0)
    expect(body.blockers).toEqual(['会费缴纳情况待所属注协确认，确认后方可申请年检'])
    const refused = await apply(wang!)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toBe('会费缴纳情况待所属注协确认，确认后方可申请年检')
    expect((await get('/api/v1/inspection/history', wang!)).body.items).toEqual([])
  })

  it('refuses an unticked commitment letter, another year and malformed bodies with field messages', async () => {
    const unticked = await apply(zhang!, { year: inspectionYear(), commitmentAccepted: false })
    expect(unticked.status).toBe(400)
    expect(unticked.body.fieldErrors).toEqual({ commitmentAccepted: '请阅读并勾选承诺书' })
    const missing = await apply(zhang!, { year: inspectionYear() })
    expect(missing.body.fieldErrors.commitmentAccepted).toBe('请填写承诺书')
    const otherYear = await apply(zhang!, { year: inspectionYear() - 1, commitmentAccepted: true })
    expect(otherYear.status).toBe(400)
    expect(otherYear.body.fieldErrors.year).toContain(`${inspectionYear()}年度`)
    for (const wrong of ['abc', true, String(inspectionYear())]) {
      const badYear = await apply(zhang!, { year: wrong, commitmentAccepted: true })
      expect(badYear.status).toBe(400)
      expect(badYear.body.fieldErrors.year).toBe('年检年度格式不正确')
    }
    expect((await apply(zhang!, { commitmentAccepted: true })).body.fieldErrors.year).toBe('请填写年检年度')
    expect((await get('/api/v1/inspection/overview', zhang!)).body.application).toBeNull()
  })

  it('keeps staff out of member routes and members out of staff routes', async () => {
    expect((await get('/api/v1/inspection/overview', zjStaff!)).status).toBe(403)
    expect(
      (await post(`/api/v1/staff/inspections/${zhang!.username}-${inspectionYear()}/decision`, zhang!, { decision: 'pass', opinion: '', version: 1 })).status,
    ).toBe(403)
    expect((await get('/api/v1/staff/inspection-notice', zhang!)).status).toBe(403)
    expect((await stack.api.request('GET', '/api/v1/inspection/overview')).status).toBe(401)
  })
})

describe('apply → return → message → re-apply → pass → history', () => {
  const id = `${zhang!.username}-${inspectionYear()}`
  let returnReason = ''

  it('lets local staff set the notice shown after a successful application', async () => {
    const empty = await stack.api.request('PUT', '/api/v1/staff/inspection-notice', { token: await token(zjStaff!), body: { notice: '  ', version: 0 } })
    expect(empty.status).toBe(400)
    expect(empty.body.fieldErrors.notice).toBe('请填写自定义通知')
    const saved = await stack.api.request('PUT', '/api/v1/staff/inspection-notice', {
      token: await token(zjStaff!),
      body: { notice: '浙江注协提示：年检结果将于30个工作日内公布。', version: 0 },
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      association: { code: 'ZJ', name: '浙江省注册会计师协会' },
      notice: '浙江注协提示：年检结果将于30个工作日内公布。',
      version: 1,
    })
    // A second editor who read the old version does not overwrite the first one's text.
    const stale = await stack.api.request('PUT', '/api/v1/staff/inspection-notice', {
      token: await token(zjStaff!),
      body: { notice: '旧版本上的修改', version: 0 },
    })
    expect(stale.status).toBe(409)
    expect((await get('/api/v1/staff/inspection-notice', zjStaff!)).body.notice).toBe('浙江注协提示：年检结果将于30个工作日内公布。')
    expect((await get('/api/v1/staff/inspection-notice', bjStaff!)).body.notice).toBe('如有疑问，请联系所属地方注协。')
  })

  it('submits once, shows the success text with the association notice, and refuses a double submit', async () => {
    const first = await apply(zhang!)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      successText: '申请成功，请明年按时参加年检。',
      notice: '浙江注协提示：年检结果将于30个工作日内公布。',
      application: { id, year: inspectionYear(), kind: 'inspection', status: 'pending', statusLabel: '地方注协审核中' },
    })
    const again = await apply(zhang!)
    expect(again.status).toBe(409)
    expect(again.body.message).toContain('请勿重复提交')
    const overview = (await get('/api/v1/inspection/overview', zhang!)).body
    expect(overview.homeBadge).toBe('审核中')
    expect(overview.blockers).toContain('本年度申请正在审核中，请勿重复提交')
  })

  it('puts the application in its own association inbox only', async () => {
    const zjInbox = (await get('/api/v1/staff/inbox/inspection', zjStaff!)).body
    expect(zjInbox.items).toEqual([expect.objectContaining({ id, title: '张晓明', subtitle: `${inspectionYear()}年度年检申请 · ${zhang!.username}` })])
    expect((await get('/api/v1/staff/inbox/inspection', bjStaff!)).body.items).toEqual([])
  })

  it('shows the application to its member and its association, 404 to other members, 403 to other associations', async () => {
    const own = await get(`/api/v1/inspection/applications/${id}`, zhang!)
    expect(own.status).toBe(200)
    expect(own.body.member).toMatchObject({ name: '张晓明', idNumberMasked: '3301**********2312', association: { name: '浙江省注册会计师协会' } })
    expect(JSON.stringify(own.body)).not.toContain('330106199001012312')
    expect(own.body.trail).toEqual([expect.objectContaining({ node: '非执业会员提交年检申请', unit: '非执业会员 张晓明' })])
    const staff = await get(`/api/v1/inspection/applications/${id}`, zjStaff!)
    expect(staff.status).toBe(200)
    expect(staff.body.hours).toEqual({ required: 40, done: 40, missing: 0 })
    expect(staff.body.fee).toBe('免会费')
    expect((await get(`/api/v1/inspection/applications/${id}`, li!)).status).toBe(404)
    expect((await get(`/api/v1/inspection/applications/${id}`, bjStaff!)).status).toBe(403)
    expect((await decide(id, { decision: 'pass', opinion: '', version: own.body.version }, bjStaff!)).status).toBe(403)
    expect((await get(`/api/v1/inspection/applications/${li!.username}-${inspectionYear()}`, li!)).status).toBe(404)
    const malformed = await get('/api/v1/inspection/applications/not-an-id', zhang!)
    expect(malformed.status).toBe(400)
    expect(malformed.body.fieldErrors.id).toBe('申请编号格式不正确')
  })

  it('needs a reason to return, and lets only one of two racing staff actions win', async () => {
    const { version } = (await get(`/api/v1/inspection/applications/${id}`, zjStaff!)).body
    const noReason = await decide(id, { decision: 'return', opinion: '  ', version })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors.opinion).toBe('退回时请填写退回原因')
    const badDecision = await decide(id, { decision: 'maybe', opinion: '', version })
    expect(badDecision.body.fieldErrors.decision).toBe('请选择有效的审核结果')

    // Two reviewers return it at the same moment with different reasons: exactly one is recorded.
    const answers = await Promise.all([
      decide(id, { decision: 'return', opinion: '请补充上传学时证明材料。', version }),
      decide(id, { decision: 'return', opinion: '另一位审核员的意见', version }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const winner = answers.find((answer) => answer.status === 200)!.body
    expect(winner).toMatchObject({ status: 'returned', statusLabel: '地方注协退回' })
    expect(winner.trail).toHaveLength(2)
    returnReason = winner.returnReason
    expect(['请补充上传学时证明材料。', '另一位审核员的意见']).toContain(returnReason)
    expect((await get(`/api/v1/inspection/applications/${id}`, zhang!)).body.returnReason).toBe(returnReason)
    expect((await get('/api/v1/staff/inbox/inspection', zjStaff!)).body.items).toEqual([])
  })

  it('tells the member: badge 已退回, an unread message with node, unit, reason and time', async () => {
    const overview = (await get('/api/v1/inspection/overview', zhang!)).body
    expect(overview.homeBadge).toBe('已退回')
    expect(overview.unreadMessages).toBe(1)
    expect(overview.blockers).toEqual([])
    const messages = (await get('/api/v1/messages', zhang!)).body
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
    const messageId = messages.items[0].id
    expect((await post(`/api/v1/messages/${messageId}/read`, li!)).status).toBe(404)
    expect((await post('/api/v1/messages/nope/read', zhang!)).status).toBe(400)
    const read = await post(`/api/v1/messages/${messageId}/read`, zhang!)
    expect(read.body).toEqual({ unread: 0 })
    expect((await get('/api/v1/inspection/overview', zhang!)).body.unreadMessages).toBe(0)
    expect((await get('/api/v1/messages', li!)).body).toEqual({ unread: 0, items: [] })
  })

  it('re-applies on the same record; a decision on the old submission is refused', async () => {
    const before = (await get(`/api/v1/inspection/applications/${id}`, zhang!)).body
    const again = await apply(zhang!)
    expect(again.status).toBe(200)
    expect(again.body.application).toMatchObject({ id, status: 'pending', returnReason: null })
    const stale = await decide(id, { decision: 'pass', opinion: '', version: before.version })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toBe('申请人已重新提交，请刷新后重新审核')
  })

  it('passes, and the history shows 年检通过 with the whole trail', async () => {
    const { version } = (await get(`/api/v1/inspection/applications/${id}`, zjStaff!)).body
    const passed = await decide(id, { decision: 'pass', opinion: '', version })
    expect(passed.status).toBe(200)
    expect(passed.body.trail.map((entry: { node: string }) => entry.node)).toEqual([
      '非执业会员提交年检申请',
      '地方注协非执业会员年检审核退回',
      '非执业会员提交年检申请',
      '地方注协非执业会员年检审核通过',
    ])
    expect((await decide(id, { decision: 'return', opinion: '晚了', version: version + 1 })).status).toBe(409)

    const history = (await get('/api/v1/inspection/history', zhang!)).body.items
    expect(history).toEqual([expect.objectContaining({ id, year: inspectionYear(), status: 'passed', statusLabel: '年检通过' })])
    expect((await get(`/api/v1/inspection/history?year=${inspectionYear()}&status=passed`, zhang!)).body.items).toHaveLength(1)
    expect((await get('/api/v1/inspection/history?status=returned', zhang!)).body.items).toEqual([])
    expect((await get(`/api/v1/inspection/history?year=${inspectionYear() - 1}`, zhang!)).body.items).toEqual([])
    const badFilter = await get('/api/v1/inspection/history?status=unknown', zhang!)
    expect(badFilter.status).toBe(400)
    expect(badFilter.body.fieldErrors.status).toBe('请选择有效的审核状态')

    const overview = (await get('/api/v1/inspection/overview', zhang!)).body
    expect(overview).toMatchObject({ homeBadge: '已通过', lastInspectionYear: inspectionYear(), unreadMessages: 1 })
    expect((await apply(zhang!)).status).toBe(409)
  })
})

describe('concurrent submissions', () => {
  it('accepts one of two simultaneous submissions and refuses the other', async () => {
    // 李华 completes her hours and pays, then taps 确定 twice in quick succession.
    const pk = keys.member(li!.username).PK
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { PK: pk, SK: `HOURS#${inspectionYear()}#test`, year: inspectionYear(), source: 'online', hours: 20, title: '选修课程' },
      }),
    )
    await dynamo().send(new PutCommand({ TableName: config.tableName, Item: { ...keys.fee(li!.username, inspectionYear()), status: '已确认' } }))
    const info = DEMO_MEMBERS[0]!.inspectionInfo
    expect((await stack.api.request('PUT', '/api/v1/inspection/profile', { token: await token(li!), body: info })).status).toBe(200)
    const answers = await Promise.all([apply(li!), apply(li!)])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect((await get('/api/v1/staff/inbox/inspection', zjStaff!)).body.items).toHaveLength(1)
    expect((await get(`/api/v1/inspection/applications/${li!.username}-${inspectionYear()}`, li!)).body.trail).toHaveLength(1)
  })
})
