import { config } from '../config'
import type { PaymentGateway } from '../ports/payments'
import { SimulatedWechatPay, wechatPayFromEnvironment, type WechatPayV3 } from './wechat-pay'

/**
 * Local runs (codes go to the outbox) pay against a simulated WeChat Pay with its own keys;
 * deployments pay through the real one, configured by WECHATPAY_* variables.
 */
export const paymentsAreSimulated = () => config.localProviders

let simulated: SimulatedWechatPay | undefined
let production: WechatPayV3 | undefined

export function simulatedWechatPay(): SimulatedWechatPay {
  simulated ??= new SimulatedWechatPay()
  return simulated
}

export function paymentGateway(): PaymentGateway {
  if (paymentsAreSimulated()) return simulatedWechatPay().gateway
  production ??= wechatPayFromEnvironment()
  return production
}
