import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { MemberMessage } from '../../shared/api/inspection-schemas'
import { DEFAULT_ANNUAL_FEE_FEN, FEE_STATUSES, UNPAID, type FeeStatus } from '../../shared/fee'
import { inspectionId } from '../../shared/inspection'
import { config } from '../config'
import { dynamo, isConditionFailure, keys, orConflict } from './dynamo'
import { STOP_WAITING, waitingFor } from './pending'
import { memberMessagePut } from './trail'

export interface FeeRecord {
  status: FeeStatus
  amountFen: number
  offlineNote?: string
  declaredAt?: string
  rejectReason?: string
  transactionId?: string
}

export async function readFee(memberNo: string, year: number): Promise<FeeRecord> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.fee(memberNo, year), ConsistentRead: true }))
  const item = result.Item ?? {}
  return {
    status: FEE_STATUSES.includes(item.status) ? (item.status as FeeStatus) : UNPAID,
    amountFen: typeof item.amountFen === 'number' ? item.amountFen : DEFAULT_ANNUAL_FEE_FEN,
    offlineNote: item.offlineNote,
    declaredAt: item.declaredAt,
    rejectReason: item.rejectReason,
    transactionId: item.transactionId,
  }
}

export async function readFeeStatus(memberNo: string, year: number): Promise<FeeStatus> {
  return (await readFee(memberNo, year)).status
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

const orderKey = (outTradeNo: string) => ({ PK: `PAYORDER#${outTradeNo}`, SK: 'ORDER' })

export async function putOrder(order: PaymentOrder) {
  await dynamo().send(
    new PutCommand({ TableName: config.tableName, Item: { ...orderKey(order.outTradeNo), entity: 'payment-order', ...order }, ConditionExpression: 'attribute_not_exists(PK)' }),
  )
}

export async function getOrder(outTradeNo: string): Promise<PaymentOrder | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: orderKey(outTradeNo), ConsistentRead: true }))
  if (!result.Item) return undefined
  const { outTradeNo: no, purpose = 'membership_fee', memberNo, year, amountFen, status, createdAt, payBefore } = result.Item
  return { outTradeNo: no, purpose, memberNo, year, amountFen, status, createdAt, payBefore }
}

/** The write that settles what a paid order paid for; it fails (and so does the payment's transaction) when that is settled already. */
function settlement(order: PaymentOrder, transactionId: string, paidAt: string) {
  if (order.purpose === 'learning_fee') {
    return {
      TableName: config.tableName,
      Key: keys.enrolment(order.memberNo, order.year),
      UpdateExpression: 'SET feeStatus = :paid, transactionId = :tx, paidAt = :at',
      ConditionExpression: 'feeStatus = :unpaid',
      ExpressionAttributeValues: { ':paid': 'paid', ':unpaid': 'unpaid', ':tx': transactionId, ':at': paidAt },
    }
  }
  return {
    TableName: config.tableName,
    Key: keys.fee(order.memberNo, order.year),
    UpdateExpression: `SET #status = :confirmed, transactionId = :tx, paidAt = :at, paidBy = :wechat, entity = :entity ${STOP_WAITING}`,
    ConditionExpression: 'attribute_not_exists(#status) OR #status IN (:unpaid, :waiting)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':confirmed': '已确认', ':unpaid': '去支付', ':waiting': '待确认', ':tx': transactionId, ':at': paidAt, ':wechat': 'wechat', ':entity': 'fee',
    },
  }
}

/**
 * Records a confirmed payment: the order becomes paid and what it paid for is settled in one
 * transaction (for the membership fee, an offline declaration still waiting for staff stops waiting).
 */
export async function markPaid(order: PaymentOrder, transactionId: string, paidAt: string) {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: orderKey(order.outTradeNo),
              UpdateExpression: 'SET #status = :paid, transactionId = :tx, paidAt = :at',
              ConditionExpression: '#status = :created',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':paid': 'paid', ':created': 'created', ':tx': transactionId, ':at': paidAt },
            },
          },
          { Update: settlement(order, transactionId, paidAt) },
        ],
      }),
    )
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

/** 线下缴费: the member says they paid another way; the fee waits for local staff to confirm. */
export async function declareOffline(input: { memberNo: string; year: number; memberName: string; associationCode: string; note: string; at: string }) {
  const waiting = waitingFor(input.associationCode, 'fee_confirmation', {
    id: inspectionId(input.memberNo, input.year),
    title: input.memberName,
    subtitle: `${input.year}年度会费 · 线下缴纳 · ${input.memberNo}`,
    submittedAt: input.at,
  })
  const names: Record<string, string> = { '#status': 'status' }
  const values: Record<string, unknown> = { ':waiting': '待确认', ':unpaid': '去支付', ':note': input.note, ':at': input.at, ':entity': 'fee' }
  const waitingSet = Object.entries(waiting).map(([field, value]) => {
    values[`:w_${field}`] = value
    return `${field} = :w_${field}`
  })
  return orConflict(async () => {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: keys.fee(input.memberNo, input.year),
              UpdateExpression: `SET #status = :waiting, offlineNote = :note, declaredAt = :at, entity = :entity, ${waitingSet.join(', ')} REMOVE rejectReason`,
              ConditionExpression: 'attribute_not_exists(#status) OR #status = :unpaid',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
        ],
      }),
    )
  })
}

/** Local staff confirm a declared offline payment (→ 已确认) or reject it (→ 去支付, with the reason sent to the member). */
export async function decideOffline(input: { memberNo: string; year: number; confirm: boolean; reason: string; staff: string; at: string; message: MemberMessage }) {
  const values: Record<string, unknown> = { ':waiting': '待确认', ':next': input.confirm ? '已确认' : '去支付', ':by': input.staff, ':at': input.at }
  let set = '#status = :next, decidedBy = :by, decidedAt = :at'
  if (input.confirm) {
    values[':offline'] = 'offline'
    set += ', paidBy = :offline'
  } else {
    values[':reason'] = input.reason
    set += ', rejectReason = :reason'
  }
  return orConflict(async () => {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: keys.fee(input.memberNo, input.year),
              UpdateExpression: `SET ${set} ${STOP_WAITING}`,
              ConditionExpression: '#status = :waiting',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: values,
            },
          },
          memberMessagePut(input.memberNo, input.message),
        ],
      }),
    )
  })
}
