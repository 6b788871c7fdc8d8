import Taro from '@tarojs/taro'
import { routes, type RouteBody, type RouteResponse } from '@shared/api/contract'
import { ApiError, call } from '../api/client'
import { insideWechatBrowser } from './wechat-browser'
import { takeAuthorizationReturn } from './web-authorization'
import { wechatLoginCode } from './wechat'

/**
 * Paying a fee (年检会费, 学习费) with WeChat Pay, the one way every page pays:
 * - in the mini-program, a JSAPI order for the member's mini-program openid (a fresh `wx.login`
 *   code goes with the request) and `Taro.requestPayment` with the signed parameters;
 * - in the official account's pages inside WeChat's browser, a JSAPI order for the official
 *   account's openid the server keeps (or, with none on file, from a web authorization first),
 *   paid with `getBrandWCPayRequest`;
 * - in any other browser, a Native order's QR code.
 * Locally (a simulated WeChat Pay) the H5 build stands in for the mini-program with the local
 * code2session's code, and the payment sheet is a labelled simulation.
 * Whatever WeChat's client says, the fee counts as paid only once the server has it: from the
 * verified notification, or from its query of the order when the page asks again.
 */
export type PayOrder = RouteResponse<'createFeeOrder'>
export type JsapiPayment = Extract<PayOrder, { payment: unknown }>['payment']
export type PayPurpose = 'membership_fee' | 'learning_fee'

const ROUTES = {
  membership_fee: { create: 'createFeeOrder', status: 'feeOrderStatus' },
  learning_fee: { create: 'createLearningFeeOrder', status: 'learningFeeOrderStatus' },
} as const

/** The open order of each purpose, so that coming back to the page settles a payment whose notification was lost. */
const openOrderKey = (purpose: PayPurpose) => `cicpa.openPayOrder.${purpose}`

/**
 * 去支付 on the official account's page for a member with no official-account openid on file: the
 * page leaves for WeChat's web authorization (a state only this member can bring back) and pays
 * when it comes back with the code (awaitedPayment), the address being this page's.
 */
const AWAITING_KEY = 'cicpa.payAwaitingWechat'

interface AwaitingPayment {
  purpose: PayPurpose
  /** What the page goes on with once paid (the lesson that asked for the learning fee). */
  resume: string
}

async function leaveForAuthorization(awaiting: AwaitingPayment): Promise<never> {
  const redirectUri = `${window.location.origin}${window.location.pathname}${window.location.hash}`
  const { authorizeUrl } = await call('payerWechatAuthorize', { body: { redirectUri } })
  window.sessionStorage.setItem(AWAITING_KEY, JSON.stringify(awaiting))
  window.location.assign(authorizeUrl)
  // The page is leaving: nothing more happens here.
  return new Promise<never>(() => undefined)
}

/** The page has just come back from the web authorization 去支付 for `purpose` started: it pays at once. */
export function awaitedPayment(purpose: PayPurpose): AwaitingPayment | null {
  if (!insideWechatBrowser()) return null
  const saved = window.sessionStorage.getItem(AWAITING_KEY)
  if (!saved || !new URLSearchParams(window.location.search).has('state')) return null
  const awaiting = JSON.parse(saved) as AwaitingPayment
  return awaiting.purpose === purpose ? awaiting : null
}

/** The official account's page: with the code and state WeChat just handed back, if it did. */
function officialAccountRequest(): RouteBody<'createFeeOrder'> {
  const awaited = window.sessionStorage.getItem(AWAITING_KEY)
  window.sessionStorage.removeItem(AWAITING_KEY)
  const returned = awaited ? takeAuthorizationReturn() : null
  return returned?.code && returned.state ? { channel: 'official_account', wechatCode: returned.code, state: returned.state } : { channel: 'official_account' }
}

async function payRequest(): Promise<RouteBody<'createFeeOrder'>> {
  if (process.env.TARO_ENV === 'weapp') {
    const wechatCode = await wechatLoginCode()
    return wechatCode ? { channel: 'miniprogram', wechatCode } : { channel: 'miniprogram' }
  }
  if (insideWechatBrowser()) return officialAccountRequest()
  // Only a local server gives H5 a WeChat code (its code2session stand-in): pay as the mini-program would.
  const localCode = await wechatLoginCode()
  return localCode ? { channel: 'miniprogram', wechatCode: localCode } : { channel: 'native' }
}

/** 去支付: the order for this page's channel (`native`: the QR code, whatever the page). */
export async function openPayOrder(purpose: PayPurpose, options: { channel?: 'native'; resume?: string } = {}): Promise<PayOrder> {
  const request = options.channel ? { channel: options.channel } : await payRequest()
  const create = ROUTES[purpose].create
  let order: PayOrder
  try {
    order = await call(create, { body: request })
  } catch (error) {
    const noOpenid = request.channel === 'official_account' && !request.wechatCode && error instanceof ApiError && error.fieldErrors.wechatCode
    if (!noOpenid) throw error
    return leaveForAuthorization({ purpose, resume: options.resume ?? '' })
  }
  Taro.setStorageSync(openOrderKey(purpose), order.outTradeNo)
  return order
}

/** Whether the server has the payment (it asks WeChat Pay when no notification came); a paid order is forgotten. */
export async function orderPaid(purpose: PayPurpose, outTradeNo: string): Promise<boolean> {
  const { status } = await call(ROUTES[purpose].status, { params: { outTradeNo } })
  if (status === 'paid' && Taro.getStorageSync(openOrderKey(purpose)) === outTradeNo) Taro.removeStorageSync(openOrderKey(purpose))
  return status === 'paid'
}

/** The member is back on the page: whether the order opened last (if any) has been paid meanwhile. */
export async function openOrderPaid(purpose: PayPurpose): Promise<boolean> {
  const outTradeNo = Taro.getStorageSync(openOrderKey(purpose)) as string | ''
  if (!outTradeNo) return false
  try {
    return await orderPaid(purpose, outTradeNo)
  } catch (error) {
    // An order this member cannot see (another account signed in on this phone) is not theirs to settle.
    if (error instanceof ApiError && error.status === 404) Taro.removeStorageSync(openOrderKey(purpose))
    return false
  }
}

interface BridgeAnswer {
  err_msg: string
}
interface WeixinJSBridge {
  invoke(name: 'getBrandWCPayRequest', params: JsapiPayment, done: (answer: BridgeAnswer) => void): void
}

function weixinBridge(): Promise<WeixinJSBridge> {
  const ready = (window as { WeixinJSBridge?: WeixinJSBridge }).WeixinJSBridge
  if (ready) return Promise.resolve(ready)
  return new Promise((resolve) => {
    document.addEventListener('WeixinJSBridgeReady', () => resolve((window as unknown as { WeixinJSBridge: WeixinJSBridge }).WeixinJSBridge), { once: true })
  })
}

/** WeChat's payment sheet for the signed parameters; resolves when the member leaves it (paid or not). */
export async function requestWechatPayment(payment: JsapiPayment): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    const { timeStamp, nonceStr, package: prepay, signType, paySign } = payment
    // A cancelled or failed payment rejects; either way the server's word decides.
    await Taro.requestPayment({ timeStamp, nonceStr, package: prepay, signType, paySign }).catch(() => undefined)
    return
  }
  const bridge = await weixinBridge()
  await new Promise<void>((resolve) => bridge.invoke('getBrandWCPayRequest', payment, () => resolve()))
}

/** Posts a simulated WeChat Pay notification, signed and encrypted like WeChat's, to the real notification route. */
async function deliverNotification(notification: RouteResponse<'simulatePayment'>): Promise<void> {
  const response = await Taro.request({
    url: `${API_BASE}${routes.wechatPayNotify.path}`,
    method: 'POST',
    data: notification.body,
    header: { ...notification.headers, 'content-type': 'application/json' },
    dataType: 'json',
  })
  if (response.statusCode !== 200) throw new ApiError(response.statusCode, 'INTERNAL', '支付通知未被接受')
}

/** Local runs: the member "scanned" a Native order's code and paid. */
export async function simulateNativePayment(outTradeNo: string): Promise<void> {
  await deliverNotification(await call('simulatePayment', { params: { outTradeNo } }))
}

/** Local runs: the member confirmed the simulated payment sheet; the simulation checks paySign first. */
export async function simulateWechatPayment(payment: JsapiPayment): Promise<void> {
  await deliverNotification(await call('simulateJsapiPayment', { body: payment }))
}
