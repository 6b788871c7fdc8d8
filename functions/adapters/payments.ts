import { config } from '../config'
import type { PayerIdentities, PaymentGateway, Payments } from '../ports/payments'
import { keepPayerOpenid, keptPayerOpenid } from './payer-openids'
import { messaging } from './messaging'
import { dynamoOfficialAccountBindings, dynamoWechatBindings } from './reset-dynamo'
import { PaymentSignatureError, SimulatedWechatPay, wechatPayFromEnvironment, type WechatPayV3 } from './wechat-pay'
import { webAuthorization } from './wechat-oauth'

/**
 * Local runs (codes go to the outbox) pay against a simulated WeChat Pay with its own keys;
 * deployments pay through the real one, configured by WECHATPAY_* variables.
 */
const paymentsAreSimulated = () => config.localProviders

let simulated: SimulatedWechatPay | undefined
let production: WechatPayV3 | undefined

function simulatedWechatPay(): SimulatedWechatPay {
  simulated ??= new SimulatedWechatPay()
  return simulated
}

function paymentGateway(): PaymentGateway {
  if (paymentsAreSimulated()) return simulatedWechatPay().gateway
  production ??= wechatPayFromEnvironment()
  return production
}

/** A forged, stale or unreadable notification, as opposed to a failure of ours (which stays a 500). */
const isRefusal = (error: unknown): error is Error =>
  error instanceof PaymentSignatureError || error instanceof SyntaxError || (error instanceof Error && /auth|decrypt/i.test(error.message))

export function payments(): Payments {
  return {
    simulated: paymentsAreSimulated(),
    createNativeOrder: (order) => paymentGateway().createNativeOrder(order),
    createJsapiOrder: (order) => paymentGateway().createJsapiOrder(order),
    queryOrder: (outTradeNo) => paymentGateway().queryOrder(outTradeNo),
    readNotification(headers, rawBody) {
      try {
        return { notice: paymentGateway().readNotification(headers, rawBody) }
      } catch (error) {
        if (isRefusal(error)) return { refused: error.message }
        throw error
      }
    },
    simulatedNotification: (outTradeNo, amountFen) => (paymentsAreSimulated() ? simulatedWechatPay().paidNotification(outTradeNo, amountFen) : undefined),
    simulatedJsapiPayment: (params) => (paymentsAreSimulated() ? simulatedWechatPay().payJsapi(params) : undefined),
  }
}

/**
 * Payers' openids: the mini-program's code2session, the official account's web authorization, kept
 * on the member; a member who has not paid under an appid yet may have bound that WeChat (the
 * mini-program's binding, or the official account's from 找回密码 on its page).
 */
export const payerIdentities: PayerIdentities = {
  openidForCode: (channel, code) => (channel === 'miniprogram' ? messaging().identity.openidForCode(code) : webAuthorization().openidForCode(code)),
  async kept(payer, channel) {
    const kept = await keptPayerOpenid(payer.memberNo, channel)
    if (kept) return kept
    const bindings = channel === 'miniprogram' ? dynamoWechatBindings : dynamoOfficialAccountBindings
    return (await bindings.byAccount(payer.accountId))?.openid
  },
  keep: keepPayerOpenid,
}
