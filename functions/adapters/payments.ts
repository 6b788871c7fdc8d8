import { config } from '../config'
import type { PaymentGateway, Payments } from '../ports/payments'
import { PaymentSignatureError, SimulatedWechatPay, wechatPayFromEnvironment, type WechatPayV3 } from './wechat-pay'

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
    readNotification(headers, rawBody) {
      try {
        return { notice: paymentGateway().readNotification(headers, rawBody) }
      } catch (error) {
        if (isRefusal(error)) return { refused: error.message }
        throw error
      }
    },
    simulatedNotification: (outTradeNo, amountFen) => (paymentsAreSimulated() ? simulatedWechatPay().paidNotification(outTradeNo, amountFen) : undefined),
  }
}
