import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectionYear } from '../support/calendar'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const li = DEMO_MEMBERS[1]!.account
const [, zjStaff, bjStaff] = DEMO_STAFF
const tokens: Record<string, string> = {}
type Who = { userType: any; username: string; password: string }
const token = async (who: Who) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: Who, body?: unknown) => stack.api.request(method, path, { token: await token(who), body })
const defer = (body: unknown) => call('POST', '/api/v1/inspection/deferrals', li, body)
const id = `${li.username}-${inspectionYear()}`
const reason = '派驻海外工作，无法按时完成继续教育。'

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

async function uploadProof(name: string) {
  const presigned = await call('POST', '/api/v1/inspection/materials/uploads', li, { purpose: 'deferral', fileName: name, size: 2048 })
  const form = new FormData()
  for (const [field, value] of Object.entries<string>(presigned.body.fields)) form.append(field, value)
  const content = new Uint8Array(2048)
  content.set([...'%PDF-1.7'].map((c) => c.charCodeAt(0)))
  form.append('file', new Blob([content]))
  expect((await fetch(presigned.body.url, { method: 'POST', body: form })).status).toBeLessThan(300)
  return call('POST', '/api/v1/inspection/materials', li, { purpose: 'deferral', fileName: name, key: presigned.body.key })
}

describe('暂缓年检申请', () => {
  it('needs the commitment, a reason and at least one proof', async () => {
    const unticked = await defer({ year: inspectionYear(), commitmentAccepted: false, reason })
    expect(unticked.body.fieldErrors.commitmentAccepted).toBe('请阅读并勾选承诺书')
    const noReason = await defer({ year: inspectionYear(), commitmentAccepted: true, reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors.reason).toBe('请填写暂缓原因')
    const tooLong = await defer({ year: inspectionYear(), commitmentAccepted: true, reason: '长'.repeat(501) })
    expect(tooLong.body.fieldErrors.reason).toBe('暂缓原因不能超过500个字符')
    const noProof = await defer({ year: inspectionYear(), commitmentAccepted: true, reason })
    expect(noProof.status).toBe(400)
    expect(noProof.body.message).toBe('请上传暂缓证明材料')
    expect((await call('GET', '/api/v1/staff/inbox/deferral', zjStaff!)).body.items).toEqual([])
  })

  it('submits although hours are short and the fee unpaid, and waits in the deferral inbox', async () => {
    expect((await uploadProof('工作证明.pdf')).status).toBe(200)
    const submitted = await defer({ year: inspectionYear(), commitmentAccepted: true, reason })
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({
      successText: '申请成功，请明年按时参加年检。',
      notice: '如有疑问，请联系所属地方注协。',
      application: { id, kind: 'deferral', kindLabel: '暂缓年检申请', status: 'pending', statusLabel: '暂缓申请审核中' },
    })
    expect((await defer({ year: inspectionYear(), commitmentAccepted: true, reason })).status).toBe(409)
    expect((await call('POST', '/api/v1/inspection/applications', li, { year: inspectionYear(), commitmentAccepted: true })).status).toBe(409)
    expect((await call('GET', '/api/v1/staff/inbox/deferral', zjStaff!)).body.items).toEqual([
      expect.objectContaining({ id, title: '李华', subtitle: `${inspectionYear()}年度暂缓年检申请 · ${li.username}` }),
    ])
    expect((await call('GET', '/api/v1/staff/inbox/inspection', zjStaff!)).body.items).toEqual([])
    const staffView = await call('GET', `/api/v1/inspection/applications/${id}`, zjStaff!)
    expect(staffView.body).toMatchObject({ deferralReason: reason, files: [expect.objectContaining({ name: '工作证明.pdf' })] })
    expect((await call('GET', `/api/v1/inspection/applications/${id}`, bjStaff!)).status).toBe(403)
  })

  it('is returned with the seed trail node, then resubmitted and approved', async () => {
    const { version } = (await call('GET', `/api/v1/inspection/applications/${id}`, zjStaff!)).body
    const returned = await call('POST', `/api/v1/staff/inspections/${id}/decision`, zjStaff!, { decision: 'return', opinion: '请重新上传材料。', version })
    expect(returned.status).toBe(200)
    expect(returned.body.trail.at(-1)).toMatchObject({ node: '地方注协非执业会员审核暂缓退回', unit: '浙江省注册会计师协会', opinion: '请重新上传材料。' })
    const messages = (await call('GET', '/api/v1/messages', li)).body
    expect(messages.items[0]).toMatchObject({ title: `您的${inspectionYear()}年度暂缓年检申请被退回`, node: '地方注协非执业会员审核暂缓退回' })
    expect((await call('GET', '/api/v1/inspection/overview', li)).body).toMatchObject({ homeBadge: '已退回', deferralBlockers: [] })

    expect((await uploadProof('补充证明.pdf')).body.deferral).toHaveLength(2)
    const again = await defer({ year: inspectionYear(), commitmentAccepted: true, reason: `${reason}（已补充材料）` })
    expect(again.status).toBe(200)
    const { version: next } = (await call('GET', `/api/v1/inspection/applications/${id}`, zjStaff!)).body
    const approved = await call('POST', `/api/v1/staff/inspections/${id}/decision`, zjStaff!, { decision: 'pass', opinion: '', version: next })
    expect(approved.body).toMatchObject({ status: 'passed', statusLabel: '同意暂缓年检', deferralReason: `${reason}（已补充材料）` })
    expect(approved.body.trail.at(-1).node).toBe('地方注协非执业会员审核暂缓通过')
    const history = (await call('GET', '/api/v1/inspection/history', li)).body.items
    expect(history).toEqual([expect.objectContaining({ id, kind: 'deferral', statusLabel: '同意暂缓年检' })])
    // A granted deferral is no passed inspection: 最后年检年度 stays empty.
    expect((await call('GET', '/api/v1/inspection/overview', li)).body.lastInspectionYear).toBeNull()
  })
})
