/**
 * Where the member pays: the mini-program and the official account's pages inside WeChat pay by
 * JSAPI (WeChat's own payment sheet, for the payer's openid under that appid); a browser outside
 * WeChat shows a Native order's QR code.
 */
export type PayChannel = 'native' | 'miniprogram' | 'official_account'
export type JsapiChannel = Exclude<PayChannel, 'native'>

/** What the fee flows need from a payment provider (WeChat Pay v3). */
export interface NativeOrderRequest {
  outTradeNo: string
  description: string
  amountFen: number
  /** RFC 3339: WeChat refuses payment after this moment. */
  expiresAt: string
}

export interface JsapiOrderRequest extends NativeOrderRequest {
  channel: JsapiChannel
  payerOpenid: string
}

/** `wx.requestPayment` / `getBrandWCPayRequest` parameters; paySign is the merchant's signature. */
export interface JsapiPayParams {
  appId: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: 'RSA'
  paySign: string
}

/** A verified, decrypted payment notification (WeChat's `transaction` resource). */
export interface PaymentNotice {
  outTradeNo: string
  transactionId: string
  tradeState: string
  amountFen: number
  successTime?: string
}

export interface PaymentGateway {
  createNativeOrder(order: NativeOrderRequest): Promise<{ codeUrl: string }>
  createJsapiOrder(order: JsapiOrderRequest): Promise<JsapiPayParams>
  /** The order's payment as WeChat Pay's signed answer has it; undefined while nothing is paid. */
  queryOrder(outTradeNo: string): Promise<PaymentNotice | undefined>
  /**
   * Verifies a notification's signature (over the raw body) and freshness, then decrypts its
   * resource. Throws on anything forged, stale or unreadable.
   */
  readNotification(headers: Record<string, string | undefined>, rawBody: string): PaymentNotice
}

/** The provider as the use cases see it: which one is in use is the adapter's business. */
export interface Payments {
  /** Local runs pay against a simulated WeChat Pay (the QR page and the payment sheet offer to "pay" it). */
  readonly simulated: boolean
  createNativeOrder(order: NativeOrderRequest): Promise<{ codeUrl: string }>
  createJsapiOrder(order: JsapiOrderRequest): Promise<JsapiPayParams>
  queryOrder(outTradeNo: string): Promise<PaymentNotice | undefined>
  /** A notification that is forged, stale or unreadable is refused, with why (for the operators' log). */
  readNotification(headers: Record<string, string | undefined>, rawBody: string): { notice: PaymentNotice } | { refused: string }
  /** What the simulated provider would send once this Native order is paid; undefined when payments are real. */
  simulatedNotification(outTradeNo: string, amountFen: number): SimulatedPayment | undefined
  /** The simulated payer confirms WeChat's payment sheet for these parameters; undefined when payments are real. */
  simulatedJsapiPayment(params: JsapiPayParams): SimulatedPayment | undefined
}

export type SimulatedPayment = { headers: Record<string, string>; body: string } | { refused: string }

/** The member who pays. */
export interface Payer {
  memberNo: string
  accountId: string
}

/** The payer's openid under each appid: from a code the page sends, kept for the member's next payment. */
export interface PayerIdentities {
  /**
   * The mini-program's `wx.login` code (jscode2session) or the official account's web-authorization
   * code (snsapi_base) → the openid under that appid; null when the code is refused.
   */
  openidForCode(channel: JsapiChannel, code: string): Promise<string | null>
  /** The openid kept from an earlier payment, else the member's bound WeChat under that appid. */
  kept(payer: Payer, channel: JsapiChannel): Promise<string | undefined>
  keep(memberNo: string, channel: JsapiChannel, openid: string, at: string): Promise<void>
}

/** What an order pays for: the year's membership fee, or the year's learning fee of 在线学习. */
export type PaymentPurpose = 'membership_fee' | 'learning_fee'

export interface PaymentOrder {
  outTradeNo: string
  purpose: PaymentPurpose
  memberNo: string
  year: number
  amountFen: number
  status: 'created' | 'paid'
  createdAt: string
  payBefore: string
}

export interface PaymentOrders {
  put(order: PaymentOrder): Promise<void>
  get(outTradeNo: string): Promise<PaymentOrder | undefined>
  /**
   * The order becomes paid and what it paid for is settled in one write (a membership fee's offline
   * declaration still waiting stops waiting). False when the order or what it pays for is settled already.
   */
  markPaid(order: PaymentOrder, transactionId: string, paidAt: string): Promise<boolean>
}
