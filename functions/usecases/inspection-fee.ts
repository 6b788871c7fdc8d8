import type { MemberMessage } from '../../shared/api/inspection-schemas'
import { associationName } from '../../shared/associations'
import type { FeeDecision } from '../../shared/fee'
import { inspectionYearAt } from '../../shared/calendar'
import { inspectionId, parseInspectionId } from '../../shared/inspection'
import { maskPhone } from '../../shared/mask'
import type { Caller } from '../auth/tokens'
import type { AccountStore } from '../ports/accounts'
import type { FeeRecord, FeeStore } from '../ports/fees'
import type { OperationsLog } from '../ports/operations-log'
import type { WechatNotices } from '../ports/subscriptions'
import { ownMember } from './credentials'
import { AppError, expectFresh, forbidden, notFound } from './errors'
import { messageId } from './inspection'
import { decisionNotice, notifyMember } from './subscriptions'
import type { JsapiPayParams, SimulatedPayment } from '../ports/payments'
import { currentOrder, openPaymentOrder, settlePayment, type PaymentOrderDeps, type PayRequest } from './payment-orders'

export interface FeeDeps extends PaymentOrderDeps {
  accounts: Pick<AccountStore, 'getMember'>
  fees: FeeStore
  log: OperationsLog
  notices: WechatNotices
}

/** 去支付: a WeChat Pay order for this year's fee (JSAPI inside WeChat, else a Native QR code). */
export async function createFeeOrder(deps: FeeDeps, caller: Caller, request: PayRequest) {
  const year = inspectionYearAt(deps.clock.now())
  const member = await ownMember(deps.accounts, caller)
  const fee = await deps.fees.read(member.memberNo, year)
  if (fee.status !== '去支付') throw new AppError('CONFLICT', `当前缴费情况为“${fee.status}”，无需支付`)
  return openPaymentOrder(deps, request, {
    purpose: 'membership_fee',
    memberNo: member.memberNo,
    accountId: caller.accountId,
    year,
    amountFen: fee.amountFen,
    description: `${year}年度非执业会员会费`,
  })
}

export async function feeOrderStatus(deps: FeeDeps, caller: Caller, outTradeNo: string) {
  const order = await currentOrder(deps, caller, outTradeNo, 'membership_fee')
  return { status: order.status, fee: (await deps.fees.read(order.memberNo, order.year)).status }
}

const ACK = { code: 'SUCCESS', message: '成功' } as const

/**
 * WeChat Pay's payment notification (and, locally, the simulated payer's): nothing is believed
 * before the signature over the raw body checks out and the encrypted resource decrypts.
 */
export async function receivePaymentNotification(deps: FeeDeps, headers: Record<string, string | undefined>, rawBody: string) {
  const read = deps.payments.readNotification(headers, rawBody)
  if ('refused' in read) {
    deps.log.businessEvent('payment-notification-refused', { reason: read.refused })
    throw new AppError('UNAUTHENTICATED', '支付通知验签失败')
  }
  const { notice } = read
  const order = await deps.orders.get(notice.outTradeNo)
  if (!order) throw notFound('订单')
  if ((await settlePayment(deps, order, notice)) === 'amount-mismatch') throw new AppError('VALIDATION_FAILED', '支付金额与订单金额不符')
  return ACK
}

function simulated(payment: SimulatedPayment | undefined) {
  if (!payment) throw new AppError('NOT_FOUND', '接口不存在')
  if ('refused' in payment) throw new AppError('VALIDATION_FAILED', payment.refused)
  return payment
}

/** Local runs only: the notification WeChat Pay would send once this Native order is paid. */
export async function simulatePayment(deps: FeeDeps, outTradeNo: string) {
  if (!deps.payments.simulated) throw new AppError('NOT_FOUND', '接口不存在')
  const order = await deps.orders.get(outTradeNo)
  if (!order) throw notFound('订单')
  return simulated(deps.payments.simulatedNotification(order.outTradeNo, order.amountFen))
}

/**
 * Local runs only: the simulated payment sheet was confirmed for these signed parameters. Like
 * WeChat's client, the simulation refuses them unless paySign is the merchant's; then the
 * notification WeChat Pay would send, for the page to post to the notification route.
 */
export async function simulateJsapiPayment(deps: FeeDeps, params: JsapiPayParams) {
  return simulated(deps.payments.simulatedJsapiPayment(params))
}

function feeOverview(fee: FeeRecord) {
  return { status: fee.status, amountFen: fee.amountFen, rejectReason: fee.status === '去支付' ? (fee.rejectReason ?? null) : null }
}

async function memberFee(deps: FeeDeps, memberNo: string, year: number) {
  return feeOverview(await deps.fees.read(memberNo, year))
}

export async function declareOfflineFee(deps: FeeDeps, caller: Caller, note: string) {
  const now = deps.clock.now()
  const year = inspectionYearAt(now)
  const member = await ownMember(deps.accounts, caller)
  const fee = await deps.fees.read(member.memberNo, year)
  if (fee.status !== '去支付') throw new AppError('CONFLICT', `当前缴费情况为“${fee.status}”，无需申报线下缴费`)
  await expectFresh(
    deps.fees.declareOffline({
      memberNo: member.memberNo,
      year,
      memberName: member.name,
      associationCode: member.associationCode,
      note,
      at: now.toISOString(),
      afterRejection: Boolean(fee.rejectReason),
    }),
  )
  return memberFee(deps, member.memberNo, year)
}

export async function feeReview(deps: Pick<FeeDeps, 'accounts' | 'fees'>, caller: Caller, id: string) {
  const parsed = parseInspectionId(id)
  if (!parsed) throw notFound('缴费记录')
  const member = await deps.accounts.getMember(parsed.memberNo)
  if (!member) throw notFound('缴费记录')
  if (member.associationCode !== caller.associationCode) throw forbidden()
  const fee = await deps.fees.read(member.memberNo, parsed.year)
  return {
    id: inspectionId(member.memberNo, parsed.year),
    year: parsed.year,
    status: fee.status,
    version: fee.version,
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

/** The fee as local staff review it, with its approval trail (read only for the page: a batch pass needs none). */
export async function feeReviewWithTrail(deps: Pick<FeeDeps, 'accounts' | 'fees'>, caller: Caller, id: string) {
  const review = await feeReview(deps, caller, id)
  return { ...review, trail: await deps.fees.trail(review.member.memberNo, review.year) }
}

export async function decideFee(deps: FeeDeps, caller: Caller, id: string, body: { decision: FeeDecision; opinion: string; version: number }) {
  await recordFeeDecision(deps, caller, await feeReview(deps, caller, id), body)
  return feeReviewWithTrail(deps, caller, id)
}

/** A decision on the fee as feeReview read it: the one write (with the member's message) and the notice; a batch pass uses it too. */
export async function recordFeeDecision(
  deps: Pick<FeeDeps, 'fees' | 'notices' | 'clock'>,
  caller: Caller,
  review: Awaited<ReturnType<typeof feeReview>>,
  body: { decision: FeeDecision; opinion: string; version: number },
) {
  if (review.status !== '待确认') throw new AppError('CONFLICT', `该缴费已处理（${review.status}），请刷新后查看`)
  if (review.version !== body.version) throw new AppError('CONFLICT', '会员已重新申报线下缴费，请刷新后重新确认')
  const at = deps.clock.now().toISOString()
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
  await expectFresh(
    deps.fees.decideOffline({
      memberNo: review.member.memberNo,
      associationCode: review.member.association.code,
      year: review.year,
      version: review.version,
      confirm,
      reason: body.opinion,
      memberName: review.member.name,
      staff: caller.displayName,
      at,
      message,
    }),
  )
  await notifyMember(deps.notices, review.member.memberNo, decisionNotice(message, `${review.year}年度会费线下缴费`, confirm ? '已确认' : '未予确认'))
}
