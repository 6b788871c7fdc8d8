import { deferred } from '../../shared/deferred'
import { PutCommand, QueryCommand } from './dynamo-client'
import * as z from 'zod'
import { APPROVAL_KINDS } from '../../shared/approvals'
import { FEE_STATUSES, UNPAID } from '../../shared/fee'
import { owedYears } from '../../shared/hours'
import { canSubmit, INSPECTION_STATUSES } from '../../shared/inspection'
import { REMINDER_REASONS, type ReminderReason } from '../../shared/reminders'
import { USER_TYPES } from '../../shared/roles'
import { config } from '../config'
import { StaleWrite } from '../ports/outcomes'
import type { ReminderMember, ReminderSources, ReminderStore, StaffDigest } from '../ports/reminders'
import { dynamo, isConditionFailure, keys, newItemPut, transactNamed } from './dynamo'
import { associationYearItems, queryItems } from './exports-dynamo'
import { summaryMissing } from './figures'
import { memberMessagePut } from './trail'

const storedMember = deferred(() => z.object({ memberNo: z.string(), userType: z.enum(USER_TYPES), joinDate: z.string() }))
/** The association-year indexes sort by 会员编号 as GSI2SK; not every item repeats it as an attribute. */
const byMember = deferred(() => z.object({ GSI2SK: z.string() }).loose())

/** A sorted stream read alongside another: `upTo` answers its item of one member number, skipping smaller ones. */
function follower(items: AsyncIterator<Record<string, unknown>>) {
  let head: Record<string, unknown> | undefined
  let done = false
  return async (memberNo: string) => {
    while (!done) {
      if (!head) {
        const next = await items.next()
        if (next.done) {
          done = true
          break
        }
        head = next.value
      }
      const headNo = byMember.parse(head).GSI2SK
      if (headNo > memberNo) return undefined
      const item = head
      head = undefined
      if (headNo === memberNo) return item
    }
    return undefined
  }
}

/** An association-year partition (GSI2, sorted by 会员编号 like the members partition). */
const associationYear = (associationCode: string, year: number, kind: 'INSPECTION' | 'FEE' | 'HOURS', attributes: string[]) =>
  associationYearItems(associationCode, year, kind, attributes)[Symbol.asyncIterator]()

const inspectionState = deferred(() => z.object({ status: z.enum(INSPECTION_STATUSES) }))
const feeState = deferred(() => z.object({ status: z.enum(FEE_STATUSES).catch(UNPAID) }))

export const dynamoReminderSources: ReminderSources = {
  /**
   * Four Queries read side by side in 会员编号 order (members by GSI1, the year's inspections,
   * fees and hours summaries by GSI2): one pass over each partition, no Scan and no read per member.
   */
  async *members(associationCode, year) {
    const members = queryItems({
      TableName: config.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition',
      FilterExpression: 'userType = :nonPractising',
      ProjectionExpression: 'memberNo, userType, joinDate',
      ExpressionAttributeValues: { ':partition': keys.associationMembers(associationCode), ':nonPractising': 'non_practising' },
    })
    const inspection = follower(associationYear(associationCode, year, 'INSPECTION', ['GSI2SK', 'status']))
    const fee = follower(associationYear(associationCode, year, 'FEE', ['GSI2SK', 'status']))
    const hours = follower(associationYear(associationCode, year, 'HOURS', ['GSI2SK', 'total', 'exemptions']))
    for await (const item of members) {
      const member = storedMember.parse(item)
      const [inspected, feeItem, hoursItem] = [await inspection(member.memberNo), await fee(member.memberNo), await hours(member.memberNo)]
      const joinYear = Number(member.joinDate.slice(0, 4))
      yield {
        memberNo: member.memberNo,
        userType: member.userType,
        applied: inspected ? !canSubmit(inspectionState.parse(inspected).status) : false,
        notDue: owedYears({ inspectionYear: year, lastInspectionYear: null, joinYear }).length === 0,
        hoursMissing: summaryMissing(year, hoursItem),
        feeStatus: feeItem ? feeState.parse(feeItem).status : UNPAID,
      } satisfies ReminderMember
    }
  },
}

const storedDigest = deferred(() =>
  z.object({
    scopeCode: z.string(),
    date: z.string(),
    covers: z.string(),
    counts: z.partialRecord(z.enum(APPROVAL_KINDS), z.number()),
    total: z.number(),
    at: z.string(),
  }),
)

/** A transaction cancelled by another one in flight (not by a condition) is tried again: it wrote nothing. */
const ATTEMPTS = 3

export const dynamoReminders: ReminderStore = {
  async remind(memberNo, date, reasons, message, expiresAt) {
    const markers = reasons.map(
      (reason) => [reason, newItemPut({ ...keys.reminderSent(memberNo, date, reason), entity: 'reminder', reason, messageId: message.id, expiresAt })] as const,
    )
    for (let attempt = 1; ; attempt++) {
      try {
        const failed = await transactNamed<ReminderReason | 'message'>([...markers, ['message', memberMessagePut(memberNo, message)]])
        return failed.length ? failed.filter((name): name is ReminderReason => (REMINDER_REASONS as readonly string[]).includes(name)) : 'sent'
      } catch (error) {
        if (!(error instanceof StaleWrite) || attempt === ATTEMPTS) throw error
      }
    }
  },

  async saveDigest(digest, expiresAt) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: { ...keys.staffDigest(digest.scopeCode, digest.date), entity: 'staff-digest', ...digest, expiresAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      )
      return 'created'
    } catch (error) {
      if (isConditionFailure(error)) return 'duplicate'
      throw error
    }
  },

  async digests(scopeCode, limit) {
    const { Items } = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.staffDigest(scopeCode, '').PK },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return (Items ?? []).map((item): StaffDigest => storedDigest.parse(item))
  },
}
