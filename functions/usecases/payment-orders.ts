import { randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import { chinaDateTime } from '../../shared/china-time'
import type { Caller } from '../auth/tokens'
import type { Clock } from '../ports/clock'
import type { PaymentOrder, PaymentOrders, PaymentPurpose, Payments } from '../ports/payments'
import { notFound } from './errors'

export interface PaymentOrderDeps {
  payments: Payments
  orders: PaymentOrders
  clock: Clock
}

const PAY_WITHIN_MINUTES = 30
const TRADE_NO_PREFIX: Record<PaymentPurpose, string> = { membership_fee: 'NM', learning_fee: 'LF' }

/** A WeChat Pay Native order (shown as a QR code) for one member's fee of one year. */
export async function openNativeOrder(
  deps: PaymentOrderDeps,
  input: { purpose: PaymentPurpose; memberNo: string; year: number; amountFen: number; description: string },
) {
  const outTradeNo = `${TRADE_NO_PREFIX[input.purpose]}${input.year}${input.memberNo}${randomBytes(4).toString('hex')}`
  const now = deps.clock.now()
  const payBefore = chinaDateTime(new Date(now.getTime() + PAY_WITHIN_MINUTES * 60_000))
  const { codeUrl } = await deps.payments.createNativeOrder({ outTradeNo, description: input.description, amountFen: input.amountFen, expiresAt: payBefore })
  await deps.orders.put({
    outTradeNo,
    purpose: input.purpose,
    memberNo: input.memberNo,
    year: input.year,
    amountFen: input.amountFen,
    status: 'created',
    createdAt: now.toISOString(),
    payBefore,
  })
  const svg = await QRCode.toString(codeUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return {
    outTradeNo,
    amountFen: input.amountFen,
    codeUrl,
    qrImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    payBefore,
    simulated: deps.payments.simulated,
  }
}

/** The caller's own order of this purpose; anyone else's (or another purpose's) is 404. */
export async function ownOrder(orders: PaymentOrders, caller: Caller, outTradeNo: string, purpose: PaymentPurpose): Promise<PaymentOrder> {
  const order = await orders.get(outTradeNo)
  if (!order || order.memberNo !== caller.username || order.purpose !== purpose) throw notFound('订单')
  return order
}
