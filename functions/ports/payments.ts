/** What the annual-fee flow needs from a payment provider (WeChat Pay v3, Native = QR code). */
export interface NativeOrderRequest {
  outTradeNo: string
  description: string
  amountFen: number
  /** RFC 3339: WeChat refuses payment after this moment. */
  expiresAt: string
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
  /**
   * Verifies a notification's signature (over the raw body) and freshness, then decrypts its
   * resource. Throws on anything forged, stale or unreadable.
   */
  readNotification(headers: Record<string, string | undefined>, rawBody: string): PaymentNotice
}

/** The provider as the use cases see it: which one is in use is the adapter's business. */
export interface Payments {
  /** Local runs pay against a simulated WeChat Pay (the QR page offers to "pay" it). */
  readonly simulated: boolean
  createNativeOrder(order: NativeOrderRequest): Promise<{ codeUrl: string }>
  /** A notification that is forged, stale or unreadable is refused, with why (for the operators' log). */
  readNotification(headers: Record<string, string | undefined>, rawBody: string): { notice: PaymentNotice } | { refused: string }
  /** What the simulated provider would send once this order is paid; undefined when payments are real. */
  simulatedNotification(outTradeNo: string, amountFen: number): { headers: Record<string, string>; body: string } | undefined
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
