import { randomBytes } from 'node:crypto'
import { chinaDateTime } from '../../shared/china-time'
import type { Caller } from '../auth/tokens'
import type { Clock } from '../ports/clock'
import type { OperationsLog } from '../ports/operations-log'
import type { MemberAuthorizationStates, WebAuthorization } from '../ports/wechat-oauth'
import type { JsapiChannel, PayChannel, Payer, PayerIdentities, PaymentNotice, PaymentOrder, PaymentOrders, PaymentPurpose, Payments } from '../ports/payments'
import { epochSeconds } from '../ports/clock'
import { newAuthorizationState, redeemAuthorizationState } from './authorization-state'
import { AppError, notFound } from './errors'

export interface PaymentOrderDeps {
  payments: Payments
  orders: PaymentOrders
  payers: PayerIdentities
  /** The web-authorization states handed to members paying on the official account's page. */
  states: MemberAuthorizationStates
  log: OperationsLog
  clock: Clock
}

/** Where the page is (mini-program, official account page, other browser) and, inside WeChat, a fresh code for the payer's openid. */
export interface PayRequest {
  channel: PayChannel
  wechatCode?: string
  /** With a web-authorization code on the official account's page: the state the member was given for it. */
  state?: string
}

const PAY_WITHIN_MINUTES = 30
const TRADE_NO_PREFIX: Record<PaymentPurpose, string> = { membership_fee: 'NM', learning_fee: 'LF' }

/**
 * The payer's openid under the channel's appid: from the code the page sent (kept for the member's
 * next payment), else the one kept from an earlier payment or a binding of that WeChat.
 */
async function payerOpenid(deps: PaymentOrderDeps, payer: Payer, channel: JsapiChannel, request: PayRequest): Promise<string> {
  const code = request.wechatCode
  if (code) {
    const openid = channel === 'official_account' ? await authorizedOpenid(deps, payer, code, request.state) : await deps.payers.openidForCode(channel, code)
    if (!openid) throw new AppError('VALIDATION_FAILED', '微信授权码无效或已过期，请重试', { wechatCode: '微信授权码无效或已过期，请重试' })
    await deps.payers.keep(payer.memberNo, channel, openid, deps.clock.now().toISOString())
    return openid
  }
  const kept = await deps.payers.kept(payer, channel)
  if (!kept) throw new AppError('VALIDATION_FAILED', '请先授权微信（缺少微信授权码）', { wechatCode: '请先授权微信（缺少微信授权码）' })
  return kept
}

/**
 * The official account's code comes from a web authorization this member started (authorizePayer):
 * its state must be the one handed to this account, unexpired and unused, so a code obtained for
 * someone else's link cannot make another WeChat this member's payer.
 */
async function authorizedOpenid(deps: PaymentOrderDeps, payer: Payer, code: string, state: string | undefined): Promise<string> {
  if (!state) throw new AppError('VALIDATION_FAILED', '缺少微信授权状态，请重新授权', { state: '缺少微信授权状态，请重新授权' })
  const now = deps.clock.now()
  return redeemAuthorizationState(
    await deps.states.held(payer.accountId),
    { code, state },
    now,
    (webCode) => deps.payers.openidForCode('official_account', webCode),
    (stateHash) => deps.states.consume(payer.accountId, { stateHash, now: epochSeconds(now) }),
    'wechatCode',
  )
}

/**
 * 去支付 on the official account's page for a member with no official-account openid on file: the
 * authorize link (snsapi_base) whose state only this signed-in member can bring back with the code.
 */
export async function authorizePayer(
  deps: { states: MemberAuthorizationStates; webAuthorization: WebAuthorization; clock: Clock },
  caller: Caller,
  redirectUri: string,
): Promise<{ authorizeUrl: string }> {
  const { state, held } = newAuthorizationState(deps.clock.now())
  await deps.states.issue(caller.accountId, held)
  return { authorizeUrl: deps.webAuthorization.authorizeUrl(redirectUri, state) }
}

/**
 * 去支付 for one member's fee of one year: inside WeChat a JSAPI order and the signed parameters for
 * WeChat's payment sheet; in another browser a Native order shown as a QR code.
 */
export async function openPaymentOrder(
  deps: PaymentOrderDeps,
  request: PayRequest,
  input: Payer & { purpose: PaymentPurpose; year: number; amountFen: number; description: string },
) {
  const outTradeNo = `${TRADE_NO_PREFIX[input.purpose]}${input.year}${input.memberNo}${randomBytes(4).toString('hex')}`
  const now = deps.clock.now()
  const payBefore = chinaDateTime(new Date(now.getTime() + PAY_WITHIN_MINUTES * 60_000))
  const providerOrder = { outTradeNo, description: input.description, amountFen: input.amountFen, expiresAt: payBefore }
  const { channel } = request
  const opened =
    channel === 'native'
      ? { channel, ...(await deps.payments.createNativeOrder(providerOrder)) }
      : {
          channel,
          payment: await deps.payments.createJsapiOrder({
            ...providerOrder,
            channel,
            payerOpenid: await payerOpenid(deps, input, channel, request),
          }),
        }
  await deps.orders.put({
    outTradeNo,
    purpose: input.purpose,
    memberNo: input.memberNo,
    year: input.year,
    amountFen: input.amountFen,
    status: 'created',
    createdAt: now.toISOString(),
    payBefore,
  })
  const order = { outTradeNo, amountFen: input.amountFen, payBefore, simulated: deps.payments.simulated }
  if (opened.channel !== 'native') return { ...order, channel: opened.channel, payment: opened.payment }
  const { default: QRCode } = await import('qrcode')
  const svg = await QRCode.toString(opened.codeUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { ...order, channel: opened.channel, codeUrl: opened.codeUrl, qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/** The caller's own order of this purpose; anyone else's (or another purpose's) is 404. */
export async function ownOrder(orders: PaymentOrders, caller: Caller, outTradeNo: string, purpose: PaymentPurpose): Promise<PaymentOrder> {
  const order = await orders.get(outTradeNo)
  if (!order || order.memberNo !== caller.username || order.purpose !== purpose) throw notFound('订单')
  return order
}

/**
 * A verified payment (notification or order query) settles its order and what it paid for, once:
 * the conditional write lets only one of several arrivals through.
 */
export async function settlePayment(deps: PaymentOrderDeps, order: PaymentOrder, payment: PaymentNotice): Promise<'paid' | 'not-paid' | 'amount-mismatch'> {
  if (payment.tradeState !== 'SUCCESS') return 'not-paid'
  if (order.status === 'paid') return 'paid'
  if (payment.amountFen !== order.amountFen) {
    deps.log.businessEvent('payment-amount-mismatch', { outTradeNo: order.outTradeNo })
    return 'amount-mismatch'
  }
  if (!(await deps.orders.markPaid(order, payment.transactionId, payment.successTime ?? deps.clock.now().toISOString()))) {
    const again = await deps.orders.get(order.outTradeNo)
    // A second payment for a fee already settled: acknowledged so WeChat stops retrying; refunds are manual.
    if (again?.status !== 'paid') deps.log.businessEvent('payment-for-settled-fee', { outTradeNo: order.outTradeNo })
  }
  return 'paid'
}

/**
 * The caller's order as it stands; one still open is looked up at WeChat Pay, so a payment whose
 * notification was lost or is late settles when the member comes back to the page.
 */
export async function currentOrder(deps: PaymentOrderDeps, caller: Caller, outTradeNo: string, purpose: PaymentPurpose): Promise<PaymentOrder> {
  const order = await ownOrder(deps.orders, caller, outTradeNo, purpose)
  if (order.status === 'paid') return order
  const payment = await deps.payments.queryOrder(order.outTradeNo)
  if (!payment || (await settlePayment(deps, order, payment)) !== 'paid') return order
  return (await deps.orders.get(order.outTradeNo)) ?? order
}
