import { createHmac, randomUUID } from 'node:crypto'
import type { Outbox } from '../ports/outbox'
import type { SmsSender } from '../ports/messaging'
import { CODE_TTL_SECONDS } from '../../shared/api/reset-schemas'

/**
 * Aliyun SMS (dysmsapi SendSms, RPC API with signature version 1.0: HMAC-SHA1 over the sorted,
 * percent-encoded query). Documented at help.aliyun.com, "短信服务 → HTTP 协议及签名".
 */
const ENDPOINT = 'https://dysmsapi.aliyuncs.com/'

/** RFC 3986 encoding as the signature needs it: encodeURIComponent plus ! ' ( ) *. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

export function signAliyunRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&')
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64')
}

export interface AliyunSmsSettings {
  accessKeyId: string
  accessKeySecret: string
  signName: string
  templateCode: string
}

export function aliyunSmsSettings(env = process.env): AliyunSmsSettings {
  const read = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`environment variable ${name} is not set`)
    return value
  }
  return {
    accessKeyId: read('ALIYUN_SMS_ACCESS_KEY_ID'),
    accessKeySecret: read('ALIYUN_SMS_ACCESS_KEY_SECRET'),
    signName: read('ALIYUN_SMS_SIGN_NAME'),
    templateCode: read('ALIYUN_SMS_TEMPLATE_CODE'),
  }
}

/** The signed form body of one SendSms call (exported so a test can check it against the documented example). */
export function sendSmsRequest(settings: AliyunSmsSettings, phone: string, code: string, now = new Date(), nonce: string = randomUUID()) {
  const params: Record<string, string> = {
    AccessKeyId: settings.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: phone,
    RegionId: 'cn-hangzhou',
    SignName: settings.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    // The template is registered with Aliyun as "您的验证码为${code}，5分钟内有效…".
    TemplateCode: settings.templateCode,
    TemplateParam: JSON.stringify({ code }),
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  }
  const signature = signAliyunRpc('POST', params, settings.accessKeySecret)
  return new URLSearchParams({ ...params, Signature: signature }).toString()
}

export function aliyunSms(settings: () => AliyunSmsSettings = () => aliyunSmsSettings(), fetchImpl: typeof fetch = fetch): SmsSender {
  return {
    async sendCode(phone, code) {
      const response = await fetchImpl(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: sendSmsRequest(settings(), phone, code),
        signal: AbortSignal.timeout(5000),
      })
      const answer = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string }
      if (answer.Code !== 'OK') throw new Error(`Aliyun SendSms failed: ${answer.Code ?? response.status} ${answer.Message ?? ''}`)
    },
  }
}

export const smsText = (code: string) =>
  `【中注协】您正在找回行业管理信息系统密码，验证码${code}，${CODE_TTL_SECONDS / 60}分钟内有效。如非本人操作，请忽略本短信。`

/** Locally the text lands in the outbox (and the log) under the phone number. */
export function outboxSms(outbox: Outbox): SmsSender {
  return {
    sendCode: (phone, code) => outbox.deliver({ channel: 'sms', recipient: phone, body: smsText(code) }),
  }
}
