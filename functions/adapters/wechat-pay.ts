import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto'
import type { NativeOrderRequest, PaymentGateway, PaymentNotice } from '../ports/payments'

/**
 * WeChat Pay API v3, Native payment (the member scans a QR code):
 * - requests are signed with the merchant key: `WECHATPAY2-SHA256-RSA2048` over
 *   "METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n";
 * - answers and notifications are signed by WeChat Pay over "TIMESTAMP\nNONCE\nBODY\n", checked
 *   with the platform public key named by `Wechatpay-Serial`;
 * - a notification's `resource` is AEAD_AES_256_GCM-encrypted with the APIv3 key.
 */
export interface WechatPaySettings {
  appId: string
  mchId: string
  merchantSerialNo: string
  merchantPrivateKey: KeyObject
  /** Platform certificate serials / 微信支付公钥ID → public key. */
  platformPublicKeys: Map<string, KeyObject>
  /** 32 bytes. */
  apiV3Key: Buffer
  notifyUrl: string
  /** How requests reach WeChat Pay: `fetch` in production, a simulated gateway locally. */
  transport: (request: { method: string; url: string; headers: Record<string, string>; body: string }) => Promise<WechatAnswer>
}

export interface WechatAnswer {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

export const WECHAT_PAY_BASE = 'https://api.mch.weixin.qq.com'
const NATIVE_ORDER_PATH = '/v3/pay/transactions/native'
/** Notifications older than this are refused (replays). */
const MAX_CLOCK_SKEW_SECONDS = 300

export class PaymentSignatureError extends Error {
  override name = 'PaymentSignatureError'
}

const nonce = () => randomBytes(16).toString('hex')

export function signMessage(privateKey: KeyObject, lines: string[]): string {
  return createSign('RSA-SHA256')
    .update(lines.map((line) => `${line}\n`).join(''))
    .sign(privateKey, 'base64')
}

function header(headers: Record<string, string | undefined>, name: string): string {
  const value = headers[name.toLowerCase()] ?? headers[name]
  if (!value) throw new PaymentSignatureError(`missing ${name}`)
  return value
}

/** Checks a WeChat Pay signature on an answer or a notification. */
export function verifyWechatSignature(
  settings: Pick<WechatPaySettings, 'platformPublicKeys'>,
  headers: Record<string, string | undefined>,
  body: string,
  now = Date.now(),
) {
  const serial = header(headers, 'Wechatpay-Serial')
  const timestamp = header(headers, 'Wechatpay-Timestamp')
  const nonceValue = header(headers, 'Wechatpay-Nonce')
  const signature = header(headers, 'Wechatpay-Signature')
  const key = settings.platformPublicKeys.get(serial)
  if (!key) throw new PaymentSignatureError(`unknown platform serial ${serial}`)
  if (!/^\d+$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new PaymentSignatureError('stale timestamp')
  const valid = createVerify('RSA-SHA256').update(`${timestamp}\n${nonceValue}\n${body}\n`).verify(key, signature, 'base64')
  if (!valid) throw new PaymentSignatureError('bad signature')
}

interface EncryptedResource {
  algorithm: string
  ciphertext: string
  nonce: string
  associated_data?: string
}

export function decryptResource(apiV3Key: Buffer, resource: EncryptedResource): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new PaymentSignatureError(`unsupported algorithm ${resource.algorithm}`)
  const data = Buffer.from(resource.ciphertext, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(resource.nonce, 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}

export function encryptResource(apiV3Key: Buffer, plaintext: string, associatedData = 'transaction'): EncryptedResource & { original_type: string } {
  const resourceNonce = randomBytes(6).toString('hex')
  const cipher = createCipheriv('aes-256-gcm', apiV3Key, Buffer.from(resourceNonce, 'utf8'))
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return {
    original_type: 'transaction',
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    nonce: resourceNonce,
    associated_data: associatedData,
  }
}

export class WechatPayV3 implements PaymentGateway {
  constructor(private readonly settings: WechatPaySettings) {}

  authorization(method: string, path: string, body: string, timestamp = Math.floor(Date.now() / 1000), nonceValue = nonce()): string {
    const signature = signMessage(this.settings.merchantPrivateKey, [method, path, String(timestamp), nonceValue, body])
    return `WECHATPAY2-SHA256-RSA2048 mchid="${this.settings.mchId}",nonce_str="${nonceValue}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.settings.merchantSerialNo}"`
  }

  async createNativeOrder(order: NativeOrderRequest): Promise<{ codeUrl: string }> {
    const body = JSON.stringify({
      appid: this.settings.appId,
      mchid: this.settings.mchId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: order.expiresAt,
      notify_url: this.settings.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    })
    const answer = await this.settings.transport({
      method: 'POST',
      url: `${WECHAT_PAY_BASE}${NATIVE_ORDER_PATH}`,
      headers: {
        authorization: this.authorization('POST', NATIVE_ORDER_PATH, body),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body,
    })
    if (answer.status !== 200) throw new Error(`WeChat Pay refused the order: ${answer.status} ${answer.body.slice(0, 200)}`)
    // An unsigned "success" is treated as forged.
    verifyWechatSignature(this.settings, answer.headers, answer.body)
    const codeUrl = (JSON.parse(answer.body) as { code_url?: string }).code_url
    if (!codeUrl) throw new Error('WeChat Pay answered without code_url')
    return { codeUrl }
  }

  readNotification(headers: Record<string, string | undefined>, rawBody: string): PaymentNotice {
    verifyWechatSignature(this.settings, headers, rawBody)
    const notification = JSON.parse(rawBody) as { event_type?: string; resource?: EncryptedResource }
    if (!notification.resource) throw new PaymentSignatureError('notification without resource')
    const transaction = JSON.parse(decryptResource(this.settings.apiV3Key, notification.resource)) as {
      mchid: string
      appid: string
      out_trade_no: string
      transaction_id: string
      trade_state: string
      success_time?: string
      amount: { total: number }
    }
    if (transaction.mchid !== this.settings.mchId || transaction.appid !== this.settings.appId)
      throw new PaymentSignatureError('notification for another merchant')
    return {
      outTradeNo: transaction.out_trade_no,
      transactionId: transaction.transaction_id,
      tradeState: transaction.trade_state,
      amountFen: transaction.amount.total,
      successTime: transaction.success_time,
    }
  }
}

/** Production settings, from the environment (keys as PEM text). */
export function wechatPayFromEnvironment(): WechatPayV3 {
  const env = (name: string) => {
    const value = process.env[name]
    if (!value) throw new Error(`environment variable ${name} is not set (WeChat Pay)`)
    return value
  }
  const apiV3Key = Buffer.from(env('WECHATPAY_APIV3_KEY'), 'utf8')
  if (apiV3Key.length !== 32) throw new Error('WECHATPAY_APIV3_KEY must be 32 bytes')
  return new WechatPayV3({
    appId: env('WECHATPAY_APP_ID'),
    mchId: env('WECHATPAY_MCH_ID'),
    merchantSerialNo: env('WECHATPAY_MERCHANT_SERIAL_NO'),
    merchantPrivateKey: createPrivateKey(env('WECHATPAY_MERCHANT_PRIVATE_KEY')),
    platformPublicKeys: new Map([[env('WECHATPAY_PUBLIC_KEY_ID'), createPublicKey(env('WECHATPAY_PUBLIC_KEY'))]]),
    apiV3Key,
    notifyUrl: env('WECHATPAY_NOTIFY_URL'),
    transport: async ({ method, url, headers, body }) => {
      const response = await fetch(url, { method, headers, body })
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() }
    },
  })
}

/**
 * The local stand-in for WeChat Pay's servers, with its own generated keys: it checks the
 * merchant's request signature, answers orders with a signed code_url, and builds payment
 * notifications signed and encrypted exactly as WeChat Pay's are, so the callback route verifies
 * them with the same code as in production.
 */
export class SimulatedWechatPay {
  readonly appId = 'wx-local-simulated'
  readonly mchId = '1900000109'
  private readonly merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
  private readonly platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
  private readonly platformSerial = 'PUB_KEY_ID_LOCAL_SIMULATED'
  private readonly apiV3Key = randomBytes(16).toString('hex')
  readonly gateway: WechatPayV3

  constructor() {
    this.gateway = new WechatPayV3({
      appId: this.appId,
      mchId: this.mchId,
      merchantSerialNo: 'LOCAL-MERCHANT',
      merchantPrivateKey: this.merchant.privateKey,
      platformPublicKeys: new Map([[this.platformSerial, this.platform.publicKey]]),
      apiV3Key: Buffer.from(this.apiV3Key, 'utf8'),
      notifyUrl: 'http://127.0.0.1/api/v1/payments/wechat/notify',
      transport: async (request) => this.answerOrder(request),
    })
  }

  private signedAnswer(status: number, body: string): WechatAnswer {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonceValue = nonce()
    return {
      status,
      body,
      headers: {
        'wechatpay-serial': this.platformSerial,
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonceValue,
        'wechatpay-signature': signMessage(this.platform.privateKey, [timestamp, nonceValue, body]),
      },
    }
  }

  private answerOrder(request: { method: string; url: string; headers: Record<string, string>; body: string }): WechatAnswer {
    const fields = Object.fromEntries([...(request.headers.authorization ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((found) => [found[1], found[2]]))
    const path = new URL(request.url).pathname
    const valid =
      request.headers.authorization?.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
      fields.mchid === this.mchId &&
      createVerify('RSA-SHA256')
        .update(`${request.method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${request.body}\n`)
        .verify(this.merchant.publicKey, fields.signature ?? '', 'base64')
    if (!valid) return this.signedAnswer(401, JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }))
    const order = JSON.parse(request.body) as { out_trade_no: string }
    return this.signedAnswer(200, JSON.stringify({ code_url: `weixin://wxpay/bizpayurl?pr=LOCAL${order.out_trade_no}` }))
  }

  /** What WeChat Pay would POST to the notify URL once the member has paid this order. */
  paidNotification(outTradeNo: string, amountFen: number): { headers: Record<string, string>; body: string } {
    const now = new Date()
    const transaction = {
      mchid: this.mchId,
      appid: this.appId,
      out_trade_no: outTradeNo,
      transaction_id: `42000${Date.now()}${randomBytes(3).toString('hex')}`,
      trade_type: 'NATIVE',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: now.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      payer: { openid: 'local-simulated-payer' },
      amount: { total: amountFen, payer_total: amountFen, currency: 'CNY', payer_currency: 'CNY' },
    }
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: transaction.success_time,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encryptResource(Buffer.from(this.apiV3Key, 'utf8'), JSON.stringify(transaction)),
    })
    const { headers } = this.signedAnswer(200, body)
    return { headers: headers as Record<string, string>, body }
  }
}
