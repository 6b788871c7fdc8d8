import type { MemberMessage } from '../../shared/api/inspection-schemas'
import { associationName } from '../../shared/associations'
import type { FeeDecision } from '../../shared/fee'
import { inspectionYearAt } from '../../shared/calendar'
import { inspectionId, parseInspectionId } from '../../shared/inspection'
import { maskPhone } from '../../shared/mask'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { declareOffline, decideOffline, getOrder, markPaid, readFee } from '../adapters/fee'
import { paymentGateway, paymentsAreSimulated, simulatedWechatPay } from '../adapters/payments'
import { openNativeOrder, ownOrder } from './payment-orders'
import { PaymentSignatureError } from '../adapters/wechat-pay'
import type { Caller } from '../auth/tokens'
import { AppError, forbidden, notFound } from '../http/errors'
import { memberOf, messageId } from './inspection'
import { clock } from '../adapters/clock'
import { operationsLog } from '../adapters/logger'

/** 去支付: a WeChat Pay Native order for this year's fee, shown as a QR code. */
export async function createFeeOrder(caller: Caller) {
  const year = inspectionYearAt(clock.now())
  const member = await memberOf(caller)
  const fee = await readFee(member.memberNo, year)
  if (fee.status !== '去支付') throw new AppError('CONFLICT', `当前缴费情况为“${fee.status}”，无需支付`)
  return openNativeOrder({ purpose: 'membership_fee', memberNo: member.memberNo, year, amountFen: fee.amountFen, description: `${year}年度非执业会员会费` })
}

export async function feeOrderStatus(caller: Caller, outTradeNo: string) {
  const order = await ownOrder(caller, outTradeNo, 'membership_fee')
  return { status: order.status, fee: (await readFee(order.memberNo, order.year)).status }
}

const ACK = { code: 'SUCCESS', message: '成功' } as const

/**
 * WeChat Pay's payment notification (and, locally, the simulated payer's): nothing is believed
 * before the signature over the raw body checks out and the encrypted resource decrypts.
 */
export async function receivePaymentNotification(headers: Record<string, string | undefined>, rawBody: string) {
  let notice
  try {
    notice = paymentGateway().readNotification(headers, rawBody)
  } catch (error) {
    if (error instanceof PaymentSignatureError || error instanceof SyntaxError || (error instanceof Error && /auth|decrypt/i.test(error.message))) {
      operationsLog.businessEvent('payment-notification-refused', { reason: error.message })
      throw new AppError('UNAUTHENTICATED', '支付通知验签失败')
    }
    throw error
  }
  const order = await getOrder(notice.outTradeNo)
  if (!order) throw notFound('订单')
  if (notice.tradeState !== 'SUCCESS' || order.status === 'paid') return ACK
  if (notice.amountFen !== order.amountFen) {
    operationsLog.businessEvent('payment-amount-mismatch', { outTradeNo: order.outTradeNo })
    throw new AppError('VALIDATION_FAILED', '支付金额与订单金额不符')
  }
  if (!(await markPaid(order, notice.transactionId, notice.successTime ?? clock.now().toISOString()))) {
    const again = await getOrder(order.outTradeNo)
    // A second payment for a fee already settled: acknowledged so WeChat stops retrying; refunds are manual.
    if (again?.status !== 'paid') operationsLog.businessEvent('payment-for-settled-fee', { outTradeNo: order.outTradeNo })
  }
  return ACK
}

/** Local runs only: the notification WeChat Pay would send once this order is paid. */
export async function simulatePayment(outTradeNo: string) {
  if (!paymentsAreSimulated()) throw new AppError('NOT_FOUND', '接口不存在')
  const order = await getOrder(outTradeNo)
  if (!order) throw notFound('订单')
  return simulatedWechatPay().paidNotification(order.outTradeNo, order.amountFen)
}

function feeOverview(fee: Awaited<ReturnType<typeof readFee>>) {
  return { status: fee.status, amountFen: fee.amountFen, rejectReason: fee.status === '去支付' ? (fee.rejectReason ?? null) : null }
}

export async function memberFee(memberNo: string, year: number) {
  return feeOverview(await readFee(memberNo, year))
}

export async function declareOfflineFee(caller: Caller, note: string) {
  const year = inspectionYearAt(clock.now())
  const member = await memberOf(caller)
  const fee = await readFee(member.memberNo, year)
  if (fee.status !== '去支付') throw new AppError('CONFLICT', `当前缴费情况为“${fee.status}”，无需申报线下缴费`)
  await declareOffline({ memberNo: member.memberNo, year, memberName: member.name, associationCode: member.associationCode, note, at: clock.now().toISOString() })
  return memberFee(member.memberNo, year)
}

async function visibleFee(caller: Caller, id: string) {
  const parsed = parseInspectionId(id)
  if (!parsed) throw notFound('缴费记录')
  const member = await dynamoAccountStore.getMember(parsed.memberNo)
  if (!member) throw notFound('缴费记录')
  if (member.associationCode !== caller.associationCode) throw forbidden()
  const fee = await readFee(member.memberNo, parsed.year)
  return {
    id: inspectionId(member.memberNo, parsed.year),
    year: parsed.year,
    status: fee.status,
    amountFen: fee.amountFen,
    offlineNote: fee.offlineNote ?? null,
    declaredAt: fee.declaredAt ?? null,
    member: {
      memberNo: member.memberNo,
      name: member.name,
      association: { code: member.associationCode, name: associationName(member.associationCode) },
      phoneMasked: member.phone ? maskPhone(member.phone) : null,
      workUnit: member.workUnit ?? null,
    },
  }
}

export const feeReview = visibleFee

export async function decideFee(caller: Caller, id: string, body: { decision: FeeDecision; opinion: string }) {
  const review = await visibleFee(caller, id)
  if (review.status !== '待确认') throw new AppError('CONFLICT', `该缴费已处理（${review.status}），请刷新后查看`)
  const at = clock.now().toISOString()
  const confirm = body.decision === 'confirm'
  const message: MemberMessage = {
    id: messageId(at),
    title: `您${review.year}年度会费的线下缴费${confirm ? '已确认' : '未予确认'}`,
    node: confirm ? '地方注协确认线下缴费' : '地方注协不予确认线下缴费',
    unit: associationName(caller.associationCode),
    opinion: body.opinion || '已确认收到会费',
    at,
    read: false,
    subject: 'fee',
    subjectId: review.id,
  }
  await decideOffline({ memberNo: review.member.memberNo, year: review.year, confirm, reason: body.opinion, staff: caller.username, at, message })
  return visibleFee(caller, id)
}
