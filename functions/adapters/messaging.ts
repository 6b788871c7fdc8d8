import { config } from '../config'
import type { Messaging } from '../ports/messaging'
import { dynamoOutbox } from './outbox-dynamo'
import { aliyunSms, outboxSms } from './sms'
import { localWechatIdentity, outboxWechat, wechatApi } from './wechat'

let providers: Messaging | undefined

/** The real providers in a deployment (DELIVERY_MODE=providers); locally the outbox and the code2session fake. */
export function messaging(): Messaging {
  if (config.localProviders) {
    return { sms: outboxSms(dynamoOutbox), wechat: outboxWechat(dynamoOutbox), identity: localWechatIdentity }
  }
  if (!providers) {
    // One API client per Lambda container, so its access_token cache outlives single requests.
    const wechat = wechatApi()
    providers = { sms: aliyunSms(), wechat: wechat.messenger, identity: wechat.identity }
  }
  return providers
}
