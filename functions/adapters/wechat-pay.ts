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
import type { JsapiChannel, JsapiOrderRequest, JsapiPayParams, NativeOrderRequest, PaymentGateway, PaymentNotice } from '../ports/payments'

/**
 * WeChat Pay API v3: Native payment (a QR code, for a browser outside WeChat) and JSAPI payment
 * (the mini-program's `wx.requestPayment`, or `getBrandWCPayRequest` in the official account's pages):
 * - requests are signed with the merchant key: `WECHATPAY2-SHA256-RSA2048` over
 *   "METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n";
 * - answers and notifications are signed by WeChat Pay over "TIMESTAMP\nNONCE\nBODY\n", checked
 *   with the platform public key named by `Wechatpay-Serial`;
 * - a notification's `resource` is AEAD_AES_256_GCM-encrypted with the APIv3 key;
 * - JSAPI payment parameters are signed with the merchant key over "appId\ntimeStamp\nnonceStr\npackage\n"
 *   (`paySign`, signType RSA), the appId being the one the order was placed with.
 */
export interface WechatPaySettings {
  /** Native orders go out with the mini-program's appid, and so do its JSAPI orders. */
  appIds: { miniprogram: string; official_account?: string }
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
const JSAPI_ORDER_PATH = '/v3/pay/transactions/jsapi'
const ORDER_QUERY_PATH = '/v3/pay/transactions/out-trade-no/'
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

const payMessage = (params: Omit<JsapiPayParams, 'signType' | 'paySign'>) => [params.appId, params.timeStamp, params.nonceStr, params.package]

/** The parameters `wx.requestPayment` / `getBrandWCPayRequest` take for a prepay_id, signed with the merchant key. */
export function signPayParams(
  merchantPrivateKey: KeyObject,
  appId: string,
  prepayId: string,
  timeStamp = String(Math.floor(Date.now() / 1000)),
  nonceStr = nonce(),
): JsapiPayParams {
  const unsigned = { appId, timeStamp, nonceStr, package: `prepay_id=${prepayId}` }
  return { ...unsigned, signType: 'RSA', paySign: signMessage(merchantPrivateKey, payMessage(unsigned)) }
}

/** What WeChat's client checks before it shows the payment sheet: the paySign against the merchant's public key. */
export function payParamsSignedBy(merchantPublicKey: KeyObject, params: JsapiPayParams): boolean {
  if (params.signType !== 'RSA') return false
  return createVerify('RSA-SHA256')
    .update(
      payMessage(params)
        .map((line) => `${line}\n`)
        .join(''),
    )
    .verify(merchantPublicKey, params.paySign, 'base64')
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

/** The `transaction` resource of notifications and order queries (fields as WeChat Pay names them). */
interface WechatTransaction {
  mchid: string
  appid: string
  out_trade_no: string
  transaction_id?: string
  trade_state: string
  success_time?: string
  amount: { total: number }
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

  /** A signed request; an answer is believed only once WeChat Pay's signature on it checks out. */
  private async send(method: 'GET' | 'POST', path: string, body = ''): Promise<WechatAnswer> {
    const answer = await this.settings.transport({
      method,
      url: `${WECHAT_PAY_BASE}${path}`,
      headers: {
        authorization: this.authorization(method, path, body),
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body,
    })
    // An unsigned answer, even a "success", is treated as forged.
    verifyWechatSignature(this.settings, answer.headers, answer.body)
    return answer
  }

  private appId(channel: JsapiChannel | 'native'): string {
    const appId = this.settings.appIds[channel === 'native' ? 'miniprogram' : channel]
    if (!appId) throw new Error(`WeChat Pay has no appid for ${channel} payments`)
    return appId
  }

  private orderBody(appId: string, order: NativeOrderRequest, extra: Record<string, unknown> = {}) {
    return JSON.stringify({
      appid: appId,
      mchid: this.settings.mchId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: order.expiresAt,
      notify_url: this.settings.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
      ...extra,
    })
  }

  async createNativeOrder(order: NativeOrderRequest): Promise<{ codeUrl: string }> {
    const answer = await this.send('POST', NATIVE_ORDER_PATH, this.orderBody(this.appId('native'), order))
    if (answer.status !== 200) throw new Error(`WeChat Pay refused the order: ${answer.status} ${answer.body.slice(0, 200)}`)
    const codeUrl = (JSON.parse(answer.body) as { code_url?: string }).code_url
    if (!codeUrl) throw new Error('WeChat Pay answered without code_url')
    return { codeUrl }
  }

  /** JSAPI/小程序下单, then the payment parameters for the prepay_id, signed for the same appid. */
  async createJsapiOrder(order: JsapiOrderRequest): Promise<JsapiPayParams> {
    const appId = this.appId(order.channel)
    const answer = await this.send('POST', JSAPI_ORDER_PATH, this.orderBody(appId, order, { payer: { openid: order.payerOpenid } }))
    if (answer.status !== 200) throw new Error(`WeChat Pay refused the order: ${answer.status} ${answer.body.slice(0, 200)}`)
    const prepayId = (JSON.parse(answer.body) as { prepay_id?: string }).prepay_id
    if (!prepayId) throw new Error('WeChat Pay answered without prepay_id')
    return signPayParams(this.settings.merchantPrivateKey, appId, prepayId)
  }

  /** 商户订单号查询订单: the payment, once WeChat Pay has one for this order (undefined before). */
  async queryOrder(outTradeNo: string): Promise<PaymentNotice | undefined> {
    const answer = await this.send('GET', `${ORDER_QUERY_PATH}${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.settings.mchId)}`)
    if (answer.status === 404) return undefined
    if (answer.status !== 200) throw new Error(`WeChat Pay order query failed: ${answer.status} ${answer.body.slice(0, 200)}`)
    return this.paymentOf(JSON.parse(answer.body) as WechatTransaction)
  }

  readNotification(headers: Record<string, string | undefined>, rawBody: string): PaymentNotice {
    verifyWechatSignature(this.settings, headers, rawBody)
    const notification = JSON.parse(rawBody) as { event_type?: string; resource?: EncryptedResource }
    if (!notification.resource) throw new PaymentSignatureError('notification without resource')
    const payment = this.paymentOf(JSON.parse(decryptResource(this.settings.apiV3Key, notification.resource)) as WechatTransaction)
    if (!payment) throw new PaymentSignatureError('notification without transaction_id')
    return payment
  }

  private paymentOf(transaction: WechatTransaction): PaymentNotice | undefined {
    if (transaction.mchid !== this.settings.mchId || !Object.values(this.settings.appIds).includes(transaction.appid))
      throw new PaymentSignatureError('transaction of another merchant')
    if (!transaction.transaction_id) return undefined
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
    appIds: { miniprogram: env('WECHATPAY_APP_ID'), official_account: process.env.WECHAT_OA_APP_ID || undefined },
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

/** What the simulated WeChat Pay knows of an order it was asked to create. */
interface SimulatedTrade {
  appid: string
  tradeType: 'NATIVE' | 'JSAPI'
  amountFen: number
  prepayId?: string
  payerOpenid?: string
  paid?: { transactionId: string; successTime: string }
}

/**
 * The local stand-in for WeChat Pay's servers and the payer's WeChat client, with its own generated
 * keys: it checks the merchant's request signatures, answers orders and order queries signed, checks
 * a JSAPI payment's paySign against the merchant's public key as WeChat's client does, and builds
 * payment notifications signed and encrypted exactly as WeChat Pay's are, so the callback route
 * verifies them with the same code as in production.
 */
export class SimulatedWechatPay {
  readonly appIds = { miniprogram: 'wx-local-miniprogram', official_account: 'wx-local-official-account' }
  readonly mchId = '1900000109'
  private readonly merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
  private readonly platform = generateKeyPairSync('rsa', { modulusLength: 2048 })
  private readonly platformSerial = 'PUB_KEY_ID_LOCAL_SIMULATED'
  private readonly apiV3Key = randomBytes(16).toString('hex')
  private readonly trades = new Map<string, SimulatedTrade>()
  readonly gateway: WechatPayV3

  constructor() {
    this.gateway = new WechatPayV3({
      appIds: this.appIds,
      mchId: this.mchId,
      merchantSerialNo: 'LOCAL-MERCHANT',
      merchantPrivateKey: this.merchant.privateKey,
      platformPublicKeys: new Map([[this.platformSerial, this.platform.publicKey]]),
      apiV3Key: Buffer.from(this.apiV3Key, 'utf8'),
      notifyUrl: 'http://127.0.0.1/api/v1/payments/wechat/notify',
      transport: async (request) => this.answer(request),
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

  private answer(request: { method: string; url: string; headers: Record<string, string>; body: string }): WechatAnswer {
    const fields = Object.fromEntries([...(request.headers.authorization ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((found) => [found[1], found[2]]))
    const url = new URL(request.url)
    const valid =
      request.headers.authorization?.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
      fields.mchid === this.mchId &&
      createVerify('RSA-SHA256')
        .update(`${request.method}\n${url.pathname}${url.search}\n${fields.timestamp}\n${fields.nonce_str}\n${request.body}\n`)
        .verify(this.merchant.publicKey, fields.signature ?? '', 'base64')
    if (!valid) return this.signedAnswer(401, JSON.stringify({ code: 'SIGN_ERROR', message: '签名错误' }))
    if (request.method === 'GET' && url.pathname.startsWith(ORDER_QUERY_PATH))
      return this.answerQuery(decodeURIComponent(url.pathname.slice(ORDER_QUERY_PATH.length)))
    const order = JSON.parse(request.body) as { appid: string; out_trade_no: string; amount: { total: number }; payer?: { openid?: string } }
    if (!Object.values(this.appIds).includes(order.appid))
      return this.signedAnswer(400, JSON.stringify({ code: 'APPID_MCHID_NOT_MATCH', message: 'appid和mch_id不匹配' }))
    if (url.pathname === JSAPI_ORDER_PATH) {
      if (!order.payer?.openid) return this.signedAnswer(400, JSON.stringify({ code: 'PARAM_ERROR', message: '缺少参数payer.openid' }))
      const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`
      this.trades.set(order.out_trade_no, { appid: order.appid, tradeType: 'JSAPI', amountFen: order.amount.total, prepayId, payerOpenid: order.payer.openid })
      return this.signedAnswer(200, JSON.stringify({ prepay_id: prepayId }))
    }
    this.trades.set(order.out_trade_no, { appid: order.appid, tradeType: 'NATIVE', amountFen: order.amount.total })
    return this.signedAnswer(200, JSON.stringify({ code_url: `weixin://wxpay/bizpayurl?pr=LOCAL${order.out_trade_no}` }))
  }

  private transaction(outTradeNo: string, trade: SimulatedTrade) {
    return {
      mchid: this.mchId,
      appid: trade.appid,
      out_trade_no: outTradeNo,
      trade_type: trade.tradeType,
      ...(trade.paid
        ? {
            transaction_id: trade.paid.transactionId,
            trade_state: 'SUCCESS',
            trade_state_desc: '支付成功',
            bank_type: 'OTHERS',
            success_time: trade.paid.successTime,
            payer: { openid: trade.payerOpenid ?? 'local-simulated-payer' },
          }
        : { trade_state: 'NOTPAY', trade_state_desc: '订单未支付' }),
      amount: { total: trade.amountFen, payer_total: trade.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    }
  }

  private answerQuery(outTradeNo: string): WechatAnswer {
    const trade = this.trades.get(outTradeNo)
    if (!trade) return this.signedAnswer(404, JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' }))
    return this.signedAnswer(200, JSON.stringify(this.transaction(outTradeNo, trade)))
  }

  private settle(outTradeNo: string, trade: SimulatedTrade): { headers: Record<string, string>; body: string } {
    trade.paid ??= {
      transactionId: `42000${Date.now()}${randomBytes(3).toString('hex')}`,
      successTime: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    }
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: trade.paid.successTime,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: encryptResource(Buffer.from(this.apiV3Key, 'utf8'), JSON.stringify(this.transaction(outTradeNo, trade))),
    })
    const { headers } = this.signedAnswer(200, body)
    return { headers: headers as Record<string, string>, body }
  }

  /**
   * The member scanned a Native order's code and paid: what WeChat Pay would POST to the notify URL.
   * Orders this simulator has not seen (a restarted local server) are paid as Native ones.
   */
  paidNotification(outTradeNo: string, amountFen: number): { headers: Record<string, string>; body: string } | { refused: string } {
    const trade = this.trades.get(outTradeNo) ?? { appid: this.appIds.miniprogram, tradeType: 'NATIVE', amountFen }
    if (trade.tradeType !== 'NATIVE') return { refused: 'JSAPI 订单须在微信内调起支付' }
    this.trades.set(outTradeNo, trade)
    return this.settle(outTradeNo, trade)
  }

  /**
   * The member confirmed WeChat's payment sheet for these parameters: refused unless paySign is the
   * merchant's signature and the prepay_id is one of this appid's orders; then the notification.
   */
  payJsapi(params: JsapiPayParams): { headers: Record<string, string>; body: string } | { refused: string } {
    if (!payParamsSignedBy(this.merchant.publicKey, params)) return { refused: '支付签名验证失败' }
    const prepayId = params.package.replace(/^prepay_id=/, '')
    const found = [...this.trades.entries()].find(([, trade]) => trade.prepayId === prepayId && trade.appid === params.appId)
    if (!found) return { refused: '预支付交易会话标识不存在' }
    return this.settle(found[0], found[1])
  }
}
