import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectionYear } from '../support/calendar'
import { DEMO_MEMBERS, DEMO_STAFF, type DemoAccount } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const [zhang, li, wang] = DEMO_MEMBERS.map((member) => member.account) as [DemoAccount, DemoAccount, DemoAccount]
const [, zjStaff, bjStaff] = DEMO_STAFF
const tokens: Record<string, string> = {}
type Who = { userType: any; username: string; password: string }
const token = async (who: Who) => (tokens[who.username] ??= await stack.api.token(who.userType, who.username, who.password))
const call = async (method: string, path: string, who: Who | null, body?: unknown) =>
  stack.api.request(method, path, { ...(who ? { token: await token(who) } : {}), body })

/** Posts a notification exactly as WeChat Pay would: raw body plus its signature headers. */
async function notify(notification: { headers: Record<string, string>; body: string }) {
  const response = await fetch(`${stack.apiUrl}/api/v1/payments/wechat/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...notification.headers },
    body: notification.body,
  })
  return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('去支付 through WeChat Pay (simulated locally)', () => {
  let outTradeNo = ''

  it('creates a Native order with a QR code for a member whose fee is 去支付 only', async () => {
    const order = await call('POST', '/api/v1/inspection/fee/orders', li)
    expect(order.status).toBe(200)
    expect(order.body).toMatchObject({ amountFen: 30000, simulated: true })
    expect(order.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/)
    expect(order.body.qrImage).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(order.body.payBefore).toMatch(/\+08:00$/)
    outTradeNo = order.body.outTradeNo
    expect((await call('POST', '/api/v1/inspection/fee/orders', zhang)).body.message).toBe('当前缴费情况为“免会费”，无需支付')
    expect((await call('POST', '/api/v1/inspection/fee/orders', wang)).status).toBe(409)
    expect((await call('GET', `/api/v1/inspection/fee/orders/${outTradeNo}`, li)).body).toEqual({ status: 'created', fee: '去支付' })
    expect((await call('GET', `/api/v1/inspection/fee/orders/${outTradeNo}`, zhang)).status).toBe(404)
  })

  it('refuses notifications without a valid signature, changing nothing', async () => {
    const genuine = (await call('POST', `/api/v1/dev/payments/${outTradeNo}`, null)).body
    const tampered = await notify({ headers: genuine.headers, body: genuine.body.replace('"支付成功"', '"支付成功 "') })
    expect(tampered.status).toBe(401)
    expect(tampered.body.message).toBe('支付通知验签失败')
    const unsigned = await notify({ headers: {}, body: genuine.body })
    expect(unsigned.status).toBe(401)
    const otherSerial = await notify({ headers: { ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_SOMEONE_ELSE' }, body: genuine.body })
    expect(otherSerial.status).toBe(401)
    expect((await call('GET', '/api/v1/inspection/overview', li)).body.fee).toBe('去支付')
    expect((await call('POST', '/api/v1/dev/payments/NOSUCHORDER123', null)).status).toBe(404)
  })

  it('confirms the fee on a genuine notification, once, however often it is repeated', async () => {
    const genuine = (await call('POST', `/api/v1/dev/payments/${outTradeNo}`, null)).body
    const accepted = await notify(genuine)
    expect(accepted).toEqual({ status: 200, body: { code: 'SUCCESS', message: '成功' } })
    expect((await notify(genuine)).status).toBe(200)
    expect((await call('GET', `/api/v1/inspection/fee/orders/${outTradeNo}`, li)).body).toEqual({ status: 'paid', fee: '已确认' })
    const overview = (await call('GET', '/api/v1/inspection/overview', li)).body
    expect(overview.fee).toBe('已确认')
    expect(overview.blockers).toEqual(['请先完善信息（带 * 的为必填项）', '累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时'])
    expect((await call('POST', '/api/v1/inspection/fee/orders', li)).status).toBe(409)
  })
})

describe('线下缴费 declared by the member, confirmed by local staff', () => {
  const wangFee = `${wang!.username}-${inspectionYear()}`

  it('shows the seeded 待确认 payment in its own association inbox only', async () => {
    expect((await call('GET', '/api/v1/staff/inbox/fee_confirmation', bjStaff!)).body.items).toEqual([
      expect.objectContaining({ id: wangFee, title: '王芳' }),
    ])
    expect((await call('GET', '/api/v1/staff/inbox/fee_confirmation', zjStaff!)).body.items).toEqual([])
    const review = await call('GET', `/api/v1/staff/fees/${wangFee}`, bjStaff!)
    expect(review.body).toMatchObject({ status: '待确认', amountFen: 30000, offlineNote: '已通过银行转账缴纳会费', member: { name: '王芳', phoneMasked: '136****2345' } })
    expect((await call('GET', `/api/v1/staff/fees/${wangFee}`, zjStaff!)).status).toBe(403)
    expect((await call('GET', `/api/v1/staff/fees/${wangFee}`, wang)).status).toBe(403)
  })

  it('needs a reason to reject; the member reads it and may declare again', async () => {
    const noReason = await call('POST', `/api/v1/staff/fees/${wangFee}/decision`, bjStaff!, { decision: 'reject', opinion: '' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors.opinion).toBe('不予确认时请填写原因')
    const rejected = await call('POST', `/api/v1/staff/fees/${wangFee}/decision`, bjStaff!, { decision: 'reject', opinion: '未查到该笔转账，请核对后重新申报。' })
    expect(rejected.body.status).toBe('去支付')
    const overview = (await call('GET', '/api/v1/inspection/overview', wang)).body
    expect(overview).toMatchObject({ fee: '去支付', feeRejectReason: '未查到该笔转账，请核对后重新申报。', unreadMessages: 1 })
    const messages = (await call('GET', '/api/v1/messages', wang)).body.items
    expect(messages[0]).toMatchObject({ subject: 'fee', node: '地方注协不予确认线下缴费', unit: '北京注册会计师协会' })
    expect((await call('GET', '/api/v1/staff/inbox/fee_confirmation', bjStaff!)).body.items).toEqual([])

    const empty = await call('POST', '/api/v1/inspection/fee/offline', wang, { note: ' ' })
    expect(empty.body.fieldErrors.note).toBe('请填写缴费说明')
    const declared = await call('POST', '/api/v1/inspection/fee/offline', wang, { note: '工行转账，流水号 88120001' })
    expect(declared.body).toEqual({ status: '待确认', amountFen: 30000, rejectReason: null })
    expect((await call('POST', '/api/v1/inspection/fee/offline', wang, { note: '再报一次' })).status).toBe(409)
    expect((await call('POST', '/api/v1/inspection/fee/offline', zhang, { note: '免会费也想报' })).status).toBe(409)
  })

  it('lets one of two racing confirmations win, after which the member may apply', async () => {
    const answers = await Promise.all([
      call('POST', `/api/v1/staff/fees/${wangFee}/decision`, bjStaff!, { decision: 'confirm', opinion: '' }),
      call('POST', `/api/v1/staff/fees/${wangFee}/decision`, bjStaff!, { decision: 'reject', opinion: '重复' }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    const fee = (await call('GET', '/api/v1/inspection/overview', wang)).body.fee
    if (fee === '已确认') {
      const applied = await call('POST', '/api/v1/inspection/applications', wang, { year: inspectionYear(), commitmentAccepted: true })
      expect(applied.status).toBe(200)
    } else {
      expect(fee).toBe('去支付')
    }
    expect((await call('GET', '/api/v1/staff/inbox/fee_confirmation', bjStaff!)).body.items).toEqual([])
  })
})
