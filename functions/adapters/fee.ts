import { deferred } from '../../shared/deferred'
import { GetCommand, PutCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { DEFAULT_ANNUAL_FEE_FEN, FEE_STATUSES, UNPAID } from '../../shared/fee'
import { inspectionId } from '../../shared/inspection'
import { config } from '../config'
import type { FeeRecord, FeeStore } from '../ports/fees'
import { StaleWrite } from '../ports/outcomes'
import type { PaymentOrder, PaymentOrders } from '../ports/payments'
import { dynamo, keys, staleOnConflict, transactNamed, type TransactItem } from './dynamo'
import { associationYearIndex, feeCounts, figuresChange } from './figures'
import { decidePending, STOP_WAITING, waitingFor } from './pending'
import { listTrail, memberMessagePut, trailPut } from './trail'

/** A fee nobody has written yet (or written by an older release) reads as unpaid at the default amount. */
const storedFee = deferred(() =>
  z.object({
    status: z.enum(FEE_STATUSES).catch(UNPAID),
    amountFen: z.number().catch(DEFAULT_ANNUAL_FEE_FEN),
    offlineNote: z.string().optional(),
    declaredAt: z.string().optional(),
    rejectReason: z.string().optional(),
    transactionId: z.string().optional(),
    version: z.number().catch(0),
  }),
)

async function readFee(memberNo: string, year: number): Promise<FeeRecord> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.fee(memberNo, year), ConsistentRead: true }))
  return storedFee.parse(result.Item ?? {})
}

/** How a declared fee shows in its association's lists, pending and handled. */
const listedAs = (fee: { memberNo: string; year: number; memberName: string }) => ({
  id: inspectionId(fee.memberNo, fee.year),
  title: fee.memberName,
  subtitle: `${fee.year}年度会费 · 线下缴纳 · ${fee.memberNo}`,
  number: fee.memberNo,
  name: fee.memberName,
  year: fee.year,
})

/** 线下缴费: the member says they paid another way; the fee waits for local staff to confirm. */
async function declareOffline(input: Parameters<FeeStore['declareOffline']>[0]) {
  const waiting = waitingFor(input.associationCode, 'fee_confirmation', {
    ...listedAs(input),
    submittedAt: input.at,
    state: input.afterRejection ? 'resubmitted' : 'new',
  })
  const values: Record<string, unknown> = { ':waiting': '待确认', ':unpaid': '去支付', ':note': input.note, ':at': input.at, ':entity': 'fee' }
  const indexed = { ...waiting, ...associationYearIndex(input.associationCode, input.year, 'FEE', input.memberNo) }
  const waitingSet = Object.entries(indexed).map(([field, value]) => {
    values[`:w_${field}`] = value
    return `${field} = :w_${field}`
  })
  await staleOnConflict(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.fee(input.memberNo, input.year),
        UpdateExpression: `SET #status = :waiting, offlineNote = :note, declaredAt = :at, entity = :entity, ${waitingSet.join(', ')} ADD #version :one REMOVE rejectReason`,
        ConditionExpression: 'attribute_not_exists(#status) OR #status = :unpaid',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ...values, ':one': 1 },
      }),
    ),
  )
}

/** Confirms or rejects a declared offline payment, only the declaration (version) the staff member reviewed. */
async function decideOffline(input: Parameters<FeeStore['decideOffline']>[0]) {
  const decision = {
    status: input.confirm ? '已确认' : '去支付',
    decidedBy: input.staff,
    decidedAt: input.at,
    paidBy: input.confirm ? 'offline' : undefined,
    rejectReason: input.confirm ? undefined : input.reason,
    ...associationYearIndex(input.associationCode, input.year, 'FEE', input.memberNo),
  }
  const { node, unit, opinion, at } = input.message
  const handled = {
    scopeCode: input.associationCode,
    kind: 'fee_confirmation' as const,
    ...listedAs(input),
    decision: input.confirm ? ('approved' as const) : ('rejected' as const),
    decidedBy: input.staff,
  }
  const failed = await transactNamed([
    ['fee', decidePending(keys.fee(input.memberNo, input.year), input.version, decision, { attribute: 'status', pending: '待确认' })],
    ['message', memberMessagePut(input.memberNo, input.message)],
    ['trail', trailPut(keys.feeTrail(inspectionId(input.memberNo, input.year)), { node, unit, opinion, at }, handled)],
    ...figuresChange(input.associationCode, input.year, {}, feeCounts(input.confirm ? '已确认' : '去支付')).map((item) => ['figures', item] as const),
  ])
  // The message and trail entry are new, so only the fee's condition can fail: it was decided or declared again meanwhile.
  if (failed.length) throw new StaleWrite()
}

export const dynamoFees: FeeStore = {
  read: readFee,
  trail: (memberNo, year) => listTrail(keys.feeTrail(inspectionId(memberNo, year))),
  declareOffline,
  decideOffline,
}

const storedOrder = deferred(() =>
  z.object({
    outTradeNo: z.string(),
    // Orders from before 在线学习 paid the membership fee.
    purpose: z.enum(['membership_fee', 'learning_fee']).default('membership_fee'),
    memberNo: z.string(),
    year: z.number(),
    amountFen: z.number(),
    status: z.enum(['created', 'paid']),
    createdAt: z.string(),
    payBefore: z.string(),
  }),
)

/**
 * The writes that settle what a paid order paid for; they fail (and so does the payment's
 * transaction) when that is settled already. A membership fee counts in its association's figures.
 */
async function settlement(order: PaymentOrder, transactionId: string, paidAt: string): Promise<TransactItem[]> {
  if (order.purpose === 'learning_fee') {
    return [
      {
        Update: {
          TableName: config.tableName,
          Key: keys.enrolment(order.memberNo, order.year),
          UpdateExpression: 'SET feeStatus = :paid, transactionId = :tx, paidAt = :at',
          ConditionExpression: 'feeStatus = :unpaid',
          ExpressionAttributeValues: { ':paid': 'paid', ':unpaid': 'unpaid', ':tx': transactionId, ':at': paidAt },
        },
      },
    ]
  }
  const associationCode = await associationOf(order.memberNo)
  const index = associationYearIndex(associationCode, order.year, 'FEE', order.memberNo)
  const fee = {
    TableName: config.tableName,
    Key: keys.fee(order.memberNo, order.year),
    UpdateExpression: `SET #status = :confirmed, transactionId = :tx, paidAt = :at, paidBy = :wechat, entity = :entity, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk ${STOP_WAITING}`,
    ConditionExpression: 'attribute_not_exists(#status) OR #status IN (:unpaid, :waiting)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':confirmed': '已确认',
      ':unpaid': '去支付',
      ':waiting': '待确认',
      ':tx': transactionId,
      ':at': paidAt,
      ':wechat': 'wechat',
      ':entity': 'fee',
      ':gsi2pk': index.GSI2PK,
      ':gsi2sk': index.GSI2SK,
    },
  }
  // Neither 去支付 nor 待确认 (the only states the condition lets through) counts as paid.
  return [{ Update: fee }, ...figuresChange(associationCode, order.year, {}, feeCounts('已确认'))]
}

/** The member's association, which the order does not name. */
async function associationOf(memberNo: string): Promise<string> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.member(memberNo), ProjectionExpression: 'associationCode' }))
  return z.string().parse(Item?.associationCode)
}

export const dynamoPaymentOrders: PaymentOrders = {
  async put(order) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.paymentOrder(order.outTradeNo), entity: 'payment-order', ...order },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
  },

  async get(outTradeNo) {
    const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.paymentOrder(outTradeNo), ConsistentRead: true }))
    return result.Item ? storedOrder.parse(result.Item) : undefined
  },

  async markPaid(order, transactionId, paidAt) {
    const failed = await transactNamed([
      [
        'order',
        {
          Update: {
            TableName: config.tableName,
            Key: keys.paymentOrder(order.outTradeNo),
            UpdateExpression: 'SET #status = :paid, transactionId = :tx, paidAt = :at',
            ConditionExpression: '#status = :created',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':paid': 'paid', ':created': 'created', ':tx': transactionId, ':at': paidAt },
          },
        },
      ],
      ...(await settlement(order, transactionId, paidAt)).map((item) => ['settlement', item] as const),
    ])
    return failed.length === 0
  },
}
