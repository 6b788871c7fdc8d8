import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, DEMO_STAFF, type DemoAccount } from '../../functions/local/demo-data'
import { inspectionYear } from '../support/calendar'
import { putInspection, tokenOf } from '../support/inspections'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const zhang = DEMO_MEMBERS[0]!
const li = DEMO_MEMBERS[1]!
const zhou = DEMO_MEMBERS.find((member) => member.memberNo === '330000260006')!
const sun = DEMO_MEMBERS.find((member) => member.memberNo === '330000260007')!
const [cicpa, zjStaff, bjStaff] = DEMO_STAFF as [DemoAccount, DemoAccount, DemoAccount]
const year = inspectionYear() - 1

type Account = Pick<DemoAccount, 'userType' | 'username' | 'password'>
const tokens = new Map<string, string>()
async function token(account: Account) {
  if (!tokens.has(account.username)) tokens.set(account.username, await stack.api.token(account.userType, account.username, account.password))
  return tokens.get(account.username)!
}
const get = async (path: string, who: Account) => stack.api.request('GET', path, { token: await token(who) })
const correct = async (id: string, who: Account, body: unknown) => stack.api.request('POST', `/api/v1/staff/inspections/${id}/correction`, { token: await token(who), body })
const detail = async (id: string) => (await get(`/api/v1/inspection/applications/${id}`, zjStaff)).body

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('更正 of a decided inspection (其他特殊状态由省注协处理)', () => {
  it('revokes a pass: the QR code printed before verifies as revoked at once, the trail and the member say why', async () => {
    const id = await putInspection(zhang, year, 'passed')
    const code = (await get(`/api/v1/credentials/inspection-qr?id=${id}`, zhang.account)).body.url
    expect((await stack.api.request('GET', `/api/v1/verify?t=${tokenOf(code)}`)).body.credential).toMatchObject({ result: '年检通过', inGoodStanding: true })

    const reason = '经核查，学时证明材料与实际不符'
    const revoked = await correct(id, zjStaff, { correction: 'revoke', reason, version: (await detail(id)).version })
    expect(revoked.status).toBe(200)
    expect(revoked.body).toMatchObject({ status: 'revoked', statusLabel: '年检通过已撤销', returnReason: reason })
    expect(revoked.body.trail.at(-1)).toMatchObject({ node: '地方注协更正：撤销年检通过', unit: '浙江省注册会计师协会', opinion: reason })

    const verified = await stack.api.request('GET', `/api/v1/verify?t=${tokenOf(code)}`)
    expect(verified.body.headline).toBe('二维码有效，但年检通过已撤销')
    expect(verified.body.credential).toMatchObject({ year, result: '年检通过已撤销', inGoodStanding: false })

    const messages = (await get('/api/v1/messages', zhang.account)).body
    expect(messages.items[0]).toMatchObject({ title: `您的${year}年度年检通过已被撤销`, opinion: reason, subject: 'inspection', subjectId: id, read: false })
    const history = (await get('/api/v1/inspection/history', zhang.account)).body.items
    expect(history.find((item: { id: string }) => item.id === id)).toMatchObject({ status: 'revoked', returnReason: reason })
    expect((await get('/api/v1/inspection/history?status=revoked', zhang.account)).body.items).toHaveLength(1)
  })

  it('reopens a returned item into its association inbox, where it is decided again', async () => {
    const id = await putInspection(li, year, 'returned')
    const reopened = await correct(id, zjStaff, { correction: 'reopen', reason: '材料已线下补齐，重新审核', version: (await detail(id)).version })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'pending', returnReason: null, decidedAt: null })
    expect(reopened.body.trail.at(-1)).toMatchObject({ node: '地方注协更正：年检申请重新审核', opinion: '材料已线下补齐，重新审核' })
    expect((await get('/api/v1/messages', li.account)).body.items[0]).toMatchObject({ title: `您的${year}年度年检申请已重新进入审核`, subjectId: id })

    const inbox = (await get('/api/v1/staff/inbox/inspection', zjStaff)).body.items
    expect(inbox.map((item: { id: string }) => item.id)).toContain(id)
    expect((await get('/api/v1/staff/inbox/inspection', bjStaff)).body.items).toEqual([])
    const passed = await stack.api.request('POST', `/api/v1/staff/inspections/${id}/decision`, {
      token: await token(zjStaff),
      body: { decision: 'pass', opinion: '', version: reopened.body.version },
    })
    expect(passed.body.status).toBe('passed')
    expect((await get('/api/v1/staff/inbox/inspection', zjStaff)).body.items.map((item: { id: string }) => item.id)).not.toContain(id)
  })

  it('reopens an approved deferral (同意暂缓年检); CICPA may correct too and signs as CICPA', async () => {
    const id = await putInspection(zhou, year, 'passed', 'deferral')
    const reopened = await correct(id, cicpa, { correction: 'reopen', reason: '暂缓证明已过期，请地方注协重新审核', version: (await detail(id)).version })
    expect(reopened.status).toBe(200)
    expect(reopened.body).toMatchObject({ status: 'pending', statusLabel: '暂缓申请审核中' })
    expect(reopened.body.trail.at(-1)).toMatchObject({ node: '中注协更正：暂缓年检申请重新审核', unit: '中国注册会计师协会' })
    expect((await get('/api/v1/staff/inbox/deferral', zjStaff)).body.items.map((item: { id: string }) => item.id)).toContain(id)
  })

  it('refuses staff of another association (403) and members (403), pending items and corrections the status does not allow (409)', async () => {
    const id = await putInspection(sun, year, 'passed')
    const { version } = await detail(id)
    const body = { correction: 'revoke', reason: '误操作', version }
    expect((await correct(id, bjStaff, body)).status).toBe(403)
    expect((await correct(id, sun.account, body)).status).toBe(403)
    expect((await correct(`${sun.memberNo}-${year - 5}`, zjStaff, body)).status).toBe(404)

    const reopened = await correct(id, zjStaff, { ...body, correction: 'reopen' })
    expect(reopened.status).toBe(200)
    const onPending = await correct(id, zjStaff, { ...body, version: reopened.body.version })
    expect(onPending.status).toBe(409)
    expect(onPending.body.message).toContain('地方注协审核中')

    const returnedId = await putInspection(sun, year - 1, 'returned')
    const revokeReturned = await correct(returnedId, zjStaff, { correction: 'revoke', reason: '误操作', version: (await detail(returnedId)).version })
    expect(revokeReturned.status).toBe(409)
    expect(revokeReturned.body.message).toBe('该申请当前为“地方注协退回”，不能撤销通过，请刷新后查看')
  })

  it('needs a reason and a known correction, named in Chinese (400)', async () => {
    const id = await putInspection(zhang, year - 1, 'passed')
    const { version } = await detail(id)
    const noReason = await correct(id, zjStaff, { correction: 'revoke', version })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors).toEqual({ reason: '请填写更正原因' })
    expect((await correct(id, zjStaff, { correction: 'revoke', reason: '   ', version })).body.fieldErrors.reason).toBe('请填写更正原因')
    expect((await correct(id, zjStaff, { correction: 'cancel', reason: '误操作', version })).body.fieldErrors.correction).toBe('请选择有效的更正方式')
    expect((await correct(id, zjStaff, { correction: 'revoke', reason: '误操作' })).body.fieldErrors.version).toBe('请填写版本')
    expect((await detail(id)).status).toBe('passed')
  })

  it('lets one of two racing corrections win; the other, and a correction of an older version, get 409', async () => {
    const id = await putInspection(li, year - 1, 'passed')
    const seen = await detail(id)
    const answers = await Promise.all([
      correct(id, zjStaff, { correction: 'revoke', reason: '材料不实', version: seen.version }),
      correct(id, cicpa, { correction: 'reopen', reason: '重新审核', version: seen.version }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const winner = answers.find((answer) => answer.status === 200)!.body
    const after = await detail(id)
    expect(after).toMatchObject({ status: winner.status, version: seen.version + 1 })
    expect(after.trail.filter((entry: { node: string }) => entry.node.includes('更正'))).toHaveLength(1)
    const told = (await get('/api/v1/messages', li.account)).body.items.filter((message: { subjectId: string }) => message.subjectId === id)
    expect(told).toHaveLength(1)

    const stale = await correct(id, zjStaff, { correction: 'reopen', reason: '再次更正', version: seen.version })
    expect(stale.status).toBe(409)
  })
})
