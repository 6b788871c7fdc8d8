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
