import { describe, expect } from 'vitest'
import type { RouteBody } from '../../shared/api/contract'
import { clock } from '../../functions/adapters/clock'
import { inspectionYear, setClock, useTestDay } from '../support/calendar'
import type { SignedMember } from '../support/builders'
import { test, type TestStack } from '../support/fixtures'

/** Posts a notification exactly as WeChat Pay would: raw body plus its signature headers. */
async function notify(stack: TestStack, notification: { headers: Record<string, string>; body: string }) {
  const response = await fetch(`${stack.apiUrl}/api/v1/payments/wechat/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...notification.headers },
    body: notification.body,
  })
  return { status: response.status, body: await response.json() }
}

const signedNotification = (stack: TestStack, outTradeNo: string) => stack.api.ok('simulatePayment', { params: { outTradeNo } })
const orderOf = async (member: SignedMember) => (await member.ok('createFeeOrder')).outTradeNo
const feeId = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`

describe('去支付 through WeChat Pay (simulated locally)', () => {
  test('creates a Native order with a QR code for a member whose fee is 去支付 only', async ({ aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const order = await unpaid.ok('createFeeOrder')
    expect(order).toMatchObject({
      channel: 'native',
      amountFen: 30000,
      simulated: true,
      codeUrl: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=/),
      qrImage: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
      payBefore: expect.stringMatching(/\+08:00$/),
    })
    const exempt = await aMember({ fee: '免会费' })
    expect((await exempt.refused('createFeeOrder')).body.message).toBe('当前缴费情况为“免会费”，无需支付')
    expect((await (await aMember({ fee: '待确认' })).refused('createFeeOrder')).status).toBe(409)
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).toEqual({ status: 'created', fee: '去支付' })
    expect((await exempt.refused('feeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).status).toBe(404)
  })

  test('refuses notifications without a valid signature, changing nothing', async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const genuine = await signedNotification(stack, await orderOf(unpaid))
    const tampered = await notify(stack, { headers: genuine.headers, body: genuine.body.replace('"支付成功"', '"支付成功 "') })
    expect(tampered.status).toBe(401)
    expect(tampered.body.message).toBe('支付通知验签失败')
    const unsigned = await notify(stack, { headers: {}, body: genuine.body })
    expect(unsigned.status).toBe(401)
    const otherSerial = await notify(stack, { headers: { ...genuine.headers, 'wechatpay-serial': 'PUB_KEY_ID_SOMEONE_ELSE' }, body: genuine.body })
    expect(otherSerial.status).toBe(401)
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('去支付')
    expect((await stack.api.refused('simulatePayment', { params: { outTradeNo: 'NOSUCHORDER123' } })).status).toBe(404)
  })

  test('confirms the fee on a genuine notification, once, however often it is repeated', async ({ stack, aMember }) => {
    const unpaid = await aMember({ hours: 20, fee: '去支付' })
    const outTradeNo = await orderOf(unpaid)
    const genuine = await signedNotification(stack, outTradeNo)
    expect(await notify(stack, genuine)).toEqual({ status: 200, body: { code: 'SUCCESS', message: '成功' } })
    expect((await notify(stack, genuine)).status).toBe(200)
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo } })).toEqual({ status: 'paid', fee: '已确认' })
    const overview = await unpaid.ok('inspectionOverview')
    expect(overview.fee).toBe('已确认')
    expect(overview.blockers).toEqual(['请先完善信息（带 * 的为必填项）', '累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时'])
    expect((await unpaid.refused('createFeeOrder')).status).toBe(409)
  })
})

describe('paying inside WeChat (JSAPI, simulated locally)', () => {
  /** What the mini-program sends: a fresh `wx.login` code (the local code2session stand-in takes `local:<user>`). */
  const inMiniProgram = (user: string): { body: RouteBody<'createFeeOrder'> } => ({ body: { channel: 'miniprogram', wechatCode: `local:${user}` } })
  const jsapiOrder = async (member: SignedMember, request = inMiniProgram(member.member.memberNo)) => {
    const order = await member.ok('createFeeOrder', request)
    if (order.channel === 'native') throw new Error('expected a JSAPI order')
    return order
  }

  test("pays through WeChat's payment sheet: signed parameters, notification, 已确认", async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const order = await jsapiOrder(unpaid)
    expect(order).toMatchObject({ channel: 'miniprogram', amountFen: 30000, simulated: true })
    expect(order.payment).toMatchObject({ appId: 'wx-local-miniprogram', signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) })
    expect(order.payment.timeStamp).toMatch(/^\d{10}$/)
    const notification = await stack.api.ok('simulateJsapiPayment', { body: order.payment })
    expect(await notify(stack, notification)).toEqual({ status: 200, body: { code: 'SUCCESS', message: '成功' } })
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).toEqual({ status: 'paid', fee: '已确认' })
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('已确认')
  })

  test('confirms the fee when the member comes back, though the notification never arrived', async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const order = await jsapiOrder(unpaid)
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).toEqual({ status: 'created', fee: '去支付' })
    await stack.api.ok('simulateJsapiPayment', { body: order.payment })
    // The notification is lost: nothing told the server yet.
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('去支付')
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo: order.outTradeNo } })).toEqual({ status: 'paid', fee: '已确认' })
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('已确认')
  })

  test("the simulated WeChat refuses parameters whose paySign is not the merchant's", async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const { outTradeNo, payment } = await jsapiOrder(unpaid)
    const forgedSign = await stack.api.refused('simulateJsapiPayment', { body: { ...payment, paySign: Buffer.alloc(256, 1).toString('base64') } })
    expect(forgedSign).toMatchObject({ status: 400, body: { message: '支付签名验证失败' } })
    const otherOrder = await stack.api.refused('simulateJsapiPayment', { body: { ...payment, package: 'prepay_id=wx0000000000' } })
    expect(otherOrder.body.message).toBe('支付签名验证失败')
    expect(await unpaid.ok('feeOrderStatus', { params: { outTradeNo } })).toEqual({ status: 'created', fee: '去支付' })
    // Nor can a JSAPI order be paid by the QR payer's page, which has no paySign to check.
    expect((await stack.api.refused('simulatePayment', { params: { outTradeNo } })).status).toBe(400)
  })

  test("keeps the payer's openid for the next payment; a refused code is a field error", async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    const noCode = await unpaid.refused('createFeeOrder', { body: { channel: 'miniprogram' } })
    expect(noCode).toMatchObject({ status: 400, body: { fieldErrors: { wechatCode: '请先授权微信（缺少微信授权码）' } } })
    const refused = await unpaid.refused('createFeeOrder', { body: { channel: 'miniprogram', wechatCode: 'not-a-wechat-code' } })
    expect(refused).toMatchObject({ status: 400, body: { fieldErrors: { wechatCode: '微信授权码无效或已过期，请重试' } } })
    await jsapiOrder(unpaid)
    const again = await jsapiOrder(unpaid, { body: { channel: 'miniprogram' } })
    await notify(stack, await stack.api.ok('simulateJsapiPayment', { body: again.payment }))
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('已确认')
  })

  test('pays from the WeChat the member bound, without a new code', async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    await unpaid.ok('wechatBind', { body: { code: `local:${unpaid.member.memberNo}-bound` } })
    const order = await jsapiOrder(unpaid, { body: { channel: 'miniprogram' } })
    await notify(stack, await stack.api.ok('simulateJsapiPayment', { body: order.payment }))
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('已确认')
  })

  const page = 'http://127.0.0.1:8080/#/subpackages/inspection/index/index'
  /** 去支付 on the official account's page without an openid on file: the authorize link's state, and the local code WeChat would add. */
  const authorized = async (member: SignedMember, oaUser = member.member.memberNo) => {
    const link = new URL((await member.ok('payerWechatAuthorize', { body: { redirectUri: page } })).authorizeUrl)
    expect(link.searchParams.get('redirect_uri')).toBe(page)
    expect(link.searchParams.get('scope')).toBe('snsapi_base')
    return { channel: 'official_account' as const, wechatCode: `local-oa:${oaUser}`, state: link.searchParams.get('state')! }
  }

  test("in the official account's pages, orders for the official account's appid and openid", async ({ stack, aMember }) => {
    const unpaid = await aMember({ fee: '去支付' })
    // No official-account openid on file: the page must authorize first.
    const noOpenid = await unpaid.refused('createFeeOrder', { body: { channel: 'official_account' } })
    expect(noOpenid.body.fieldErrors).toEqual({ wechatCode: '请先授权微信（缺少微信授权码）' })
    const order = await jsapiOrder(unpaid, { body: await authorized(unpaid) })
    expect(order).toMatchObject({ channel: 'official_account', payment: { appId: 'wx-local-official-account' } })
    // The parameters are signed for the appid the order was placed with: another appid's are refused.
    expect((await stack.api.refused('simulateJsapiPayment', { body: { ...order.payment, appId: 'wx-local-miniprogram' } })).status).toBe(400)
    await notify(stack, await stack.api.ok('simulateJsapiPayment', { body: order.payment }))
    expect((await unpaid.ok('inspectionOverview')).fee).toBe('已确认')
  })

  test('takes a web-authorization code only with the state handed to the same member, once, within five minutes', async ({ aMember }) => {
    const wang = await aMember({ fee: '去支付' })
    const li = await aMember({ fee: '去支付' })
    const stateRefused = { state: '微信授权状态无效或已使用，请重新授权' }
    const lisReturn = await authorized(li)
    // Wang brings back Li's state (and a code for Wang's WeChat): refused, and Li's state stays usable.
    const crossed = await wang.refused('createFeeOrder', { body: { ...lisReturn, wechatCode: `local-oa:${wang.member.memberNo}` } })
    expect(crossed).toMatchObject({ status: 400, body: { fieldErrors: stateRefused } })
    const missing = await wang.refused('createFeeOrder', { body: { channel: 'official_account', wechatCode: `local-oa:${wang.member.memberNo}` } })
    expect(missing.body.fieldErrors).toEqual({ state: '缺少微信授权状态，请重新授权' })
    const forged = await wang.refused('createFeeOrder', { body: { ...(await authorized(wang)), wechatCode: 'not-a-wechat-code' } })
    expect(forged.body.fieldErrors).toEqual({ wechatCode: '微信授权失败，请重新授权' })
    expect((await li.ok('createFeeOrder', { body: lisReturn })).channel).toBe('official_account')
    const reused = await li.refused('createFeeOrder', { body: lisReturn })
    expect(reused).toMatchObject({ status: 400, body: { fieldErrors: stateRefused } })

    const late = await authorized(wang)
    // Five minutes and a second later on the server's clock.
    setClock(new Date(clock.now().getTime() + 301_000).toISOString())
    try {
      const expired = await wang.refused('createFeeOrder', { body: late })
      expect(expired).toMatchObject({ status: 400, body: { fieldErrors: { state: '微信授权已超时，请重新授权' } } })
    } finally {
      useTestDay()
    }
    // WeChat comes back only to a page address: a query is allowed inside the hash route only.
    const course = 'http://127.0.0.1:8080/#/subpackages/education/course/index?course=c1'
    expect((await wang.ok('payerWechatAuthorize', { body: { redirectUri: course } })).authorizeUrl).toContain('state=')
    for (const redirectUri of ['javascript:alert(1)', 'http://127.0.0.1:8080/?next=x#/pages/index/index']) {
      const bad = await wang.refused('payerWechatAuthorize', { body: { redirectUri } })
      expect(bad.body.fieldErrors?.redirectUri).toContain('授权回调地址')
    }
    // Nothing was kept from the refused returns: Wang still has no official-account openid on file.
    expect((await wang.refused('createFeeOrder', { body: { channel: 'official_account' } })).body.fieldErrors).toEqual({
      wechatCode: '请先授权微信（缺少微信授权码）',
    })
  })
})

describe('线下缴费 declared by the member, confirmed by local staff', () => {
  /** A member of 北京 whose declared offline payment waits for 北京注协. */
  const declaredTest = test.extend<{ declared: SignedMember }>({
    declared: async ({ aMember }, use) =>
      use(await aMember({ association: 'BJ', hours: 40, info: true, fee: '待确认', record: { name: '王芳', phone: '13601012345' } })),
  })

  declaredTest('shows a 待确认 payment in its own association inbox only', async ({ declared, aLocalStaff }) => {
    const [bjStaff, zjStaff] = [await aLocalStaff('BJ'), await aLocalStaff('ZJ')]
    expect((await bjStaff.ok('inboxItems', { params: { kind: 'fee_confirmation' } })).items).toContainEqual(
      expect.objectContaining({ id: feeId(declared), title: '王芳' }),
    )
    expect((await zjStaff.ok('inboxItems', { params: { kind: 'fee_confirmation' } })).items).not.toContainEqual(
      expect.objectContaining({ id: feeId(declared) }),
    )
    const review = await bjStaff.ok('feeReview', { params: { id: feeId(declared) } })
    expect(review).toMatchObject({
      status: '待确认',
      amountFen: 30000,
      offlineNote: '已通过银行转账缴纳会费',
      member: { name: '王芳', phoneMasked: '136****2345' },
    })
    expect((await zjStaff.refused('feeReview', { params: { id: feeId(declared) } })).status).toBe(403)
    expect((await declared.refused('feeReview', { params: { id: feeId(declared) } })).status).toBe(403)
  })

  declaredTest('needs a reason to reject; the member reads it and may declare again', async ({ declared, aLocalStaff, aMember }) => {
    const bjStaff = await aLocalStaff('BJ')
    const params = { id: feeId(declared) }
    const { version } = await bjStaff.ok('feeReview', { params })
    const noReason = await bjStaff.refused('decideFee', { params, body: { decision: 'reject', opinion: '', version } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fieldErrors?.opinion).toBe('不予确认时请填写原因')
    expect((await bjStaff.ok('feeReview', { params })).trail).toEqual([])
    const rejected = await bjStaff.ok('decideFee', { params, body: { decision: 'reject', opinion: '未查到该笔转账，请核对后重新申报。', version } })
    expect(rejected.status).toBe('去支付')
    // 已办 opens the decided fee with its trail: who decided, what, and why.
    const trail = [{ node: '地方注协不予确认线下缴费', unit: '北京注册会计师协会', opinion: '未查到该笔转账，请核对后重新申报。' }]
    expect(rejected.trail).toMatchObject(trail)
    expect((await bjStaff.ok('feeReview', { params })).trail).toMatchObject(trail)
    expect(await declared.ok('inspectionOverview')).toMatchObject({ fee: '去支付', feeRejectReason: '未查到该笔转账，请核对后重新申报。', unreadMessages: 1 })
    expect((await declared.ok('memberMessages')).items[0]).toMatchObject({ subject: 'fee', node: '地方注协不予确认线下缴费', unit: '北京注册会计师协会' })
    expect((await bjStaff.ok('inboxItems', { params: { kind: 'fee_confirmation' } })).items).not.toContainEqual(expect.objectContaining({ id: params.id }))

    const empty = await declared.refused('declareOfflineFee', { body: { note: ' ' } })
    expect(empty.body.fieldErrors?.note).toBe('请填写缴费说明')
    expect(await declared.ok('declareOfflineFee', { body: { note: '工行转账，流水号 88120001' } })).toEqual({
      status: '待确认',
      amountFen: 30000,
      rejectReason: null,
    })
    expect((await declared.refused('declareOfflineFee', { body: { note: '再报一次' } })).status).toBe(409)
    const exempt = await aMember({ fee: '免会费' })
    expect((await exempt.refused('declareOfflineFee', { body: { note: '免会费也想报' } })).status).toBe(409)
  })

  declaredTest('lets one of two staff deciding at once win, after which the member may apply', async ({ declared, aLocalStaff }) => {
    const [one, other] = [await aLocalStaff('BJ'), await aLocalStaff('BJ')]
    const params = { id: feeId(declared) }
    const { version } = await one.ok('feeReview', { params })
    expect((await other.ok('feeReview', { params })).version).toBe(version)
    const answers = await Promise.all([
      one.call('decideFee', { params, body: { decision: 'confirm', opinion: '', version } }),
      other.call('decideFee', { params, body: { decision: 'reject', opinion: '重复', version } }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    // Whether the loser's read came before or after the winner's write, it is told to refresh.
    expect(answers.find((answer) => answer.status === 409)!.body).toMatchObject({ message: expect.stringContaining('请刷新') })
    const { fee } = await declared.ok('inspectionOverview')
    if (fee === '已确认') {
      expect((await declared.call('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })).status).toBe(200)
    } else {
      expect(fee).toBe('去支付')
    }
    expect((await one.ok('inboxItems', { params: { kind: 'fee_confirmation' } })).items).not.toContainEqual(expect.objectContaining({ id: params.id }))
  })

  declaredTest('refuses a decision on a declaration the staff member did not review', async ({ declared, aLocalStaff }) => {
    const [one, other] = [await aLocalStaff('BJ'), await aLocalStaff('BJ')]
    const params = { id: feeId(declared) }
    const first = await one.ok('feeReview', { params })
    await other.ok('feeReview', { params })
    await other.ok('decideFee', { params, body: { decision: 'reject', opinion: '未查到该笔转账', version: first.version } })
    await declared.ok('declareOfflineFee', { body: { note: '工行转账，流水号 88120001' } })

    // `one` still looks at the first declaration: confirming it must not confirm the new one unseen.
    const stale = await one.refused('decideFee', { params, body: { decision: 'confirm', opinion: '', version: first.version } })
    expect(stale.status).toBe(409)
    expect(stale.body.message).toBe('会员已重新申报线下缴费，请刷新后重新确认')
    const review = await one.ok('feeReview', { params })
    expect(review).toMatchObject({ status: '待确认', offlineNote: '工行转账，流水号 88120001' })
    expect(review.version).toBeGreaterThan(first.version)
    expect((await one.ok('inboxItems', { params: { kind: 'fee_confirmation' } })).items).toContainEqual(expect.objectContaining({ id: params.id }))
    expect((await one.ok('decideFee', { params, body: { decision: 'confirm', opinion: '', version: review.version } })).status).toBe('已确认')
  })
})
