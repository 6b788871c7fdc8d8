import { deferred } from '../../shared/deferred'
import { GetCommand } from './dynamo-client'
import * as z from 'zod'
import type { ApprovalKind } from '../../shared/approvals'
import { HoursClaim } from '../../shared/api/education-schemas'
import { exemptionMonths } from '../../shared/education'
import { config } from '../config'
import { memberNoOfClaim, type HoursClaims, type StoredClaim } from '../ports/hours-claims'
import { StaleWrite } from '../ports/outcomes'
import { dynamo, keys, memberItems, newItemPut, queryAll, transactNamed, type TransactItem } from './dynamo'
import { transactCrediting } from './figures'
import { decidePending, waitingFor } from './pending'
import { listTrail, memberMessagePut, trailPut } from './trail'
import { uploadClaimPut } from './uploads'

/** Only what a claim is: keys, inbox attributes and who decided it stay in the table. */
const storedClaim = deferred(() =>
  HoursClaim.omit({ statusLabel: true }).extend({
    memberNo: z.string(),
    memberName: z.string(),
    associationCode: z.string(),
    proofs: z.array(z.object({ key: z.string(), fileName: z.string(), size: z.number() })),
    dedupeKey: z.string(),
  }),
)

const claimKey = (id: string) => keys.hoursClaim(memberNoOfClaim(id), id)

/** The months an exemption claim reduces (none for output-based claims). */
function claimedMonths(claim: Pick<StoredClaim, 'year' | 'exemption'>): string[] {
  return claim.exemption ? exemptionMonths({ from: claim.exemption.periodFrom, to: claim.exemption.periodTo }, claim.year) : []
}

/** Raises a category's credited total from exactly what the decision read. */
function categoryTotalUpdate(memberNo: string, year: number, total: { category: string; before: number; after: number }): TransactItem {
  return {
    Update: {
      TableName: config.tableName,
      Key: keys.outputCap(memberNo, year, total.category),
      UpdateExpression: 'SET entity = :entity, credited = :after',
      ConditionExpression: total.before === 0 ? 'attribute_not_exists(credited) OR credited = :before' : 'credited = :before',
      ExpressionAttributeValues: { ':entity': 'output-cap', ':after': total.after, ':before': total.before },
    },
  }
}

const claimKind = (claim: Pick<StoredClaim, 'kind'>): ApprovalKind => (claim.kind === 'output' ? 'output_hours' : 'exemption_hours')

export const dynamoHoursClaims: HoursClaims = {
  /**
   * An exemption also creates one item per month it reduces, in the same transaction and only
   * where none exists: of two exemptions sharing a month, however close together they are sent,
   * exactly one transaction commits. A read-then-write check could not promise that, and a single
   * per-member lock item would also refuse claims for other months.
   */
  async create(claim, inbox, trail) {
    const kind = claimKind(claim)
    const failed = await transactNamed([
      ['duplicate', newItemPut({ ...keys.claimDedupe(claim.memberNo, claim.dedupeKey), entity: 'claim-key', claimId: claim.id })],
      ...claimedMonths(claim).map(
        (month) => ['month', newItemPut({ ...keys.exemptionMonth(claim.memberNo, month), entity: 'exemption-month', claimId: claim.id })] as const,
      ),
      [
        'claim',
        newItemPut({
          ...claimKey(claim.id),
          entity: 'hours-claim',
          ...claim,
          // A returned claim is claimed again as a new one: each claim waits once.
          ...waitingFor(claim.associationCode, kind, {
            id: claim.id,
            ...inbox,
            submittedAt: claim.submittedAt,
            number: claim.memberNo,
            name: claim.memberName,
            year: claim.year,
            state: 'new',
          }),
        }),
      ],
      ['trail', trailPut(keys.claimTrail(claim.id), trail)],
      ...claim.proofs.map((proof) => ['proof', uploadClaimPut(proof.key)] as const),
    ])
    if (failed.includes('proof') || failed.includes('claim')) throw new StaleWrite('proof attached or claim stored already')
    if (failed.includes('month')) return 'months-taken'
    return failed.includes('duplicate') ? 'duplicate' : 'created'
  },

  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: claimKey(id), ConsistentRead: true }))
    return Item ? storedClaim.parse(Item) : undefined
  },

  async ofMember(memberNo) {
    return (await memberItems(memberNo, keys.hoursClaimPrefix)).map((item) => storedClaim.parse(item))
  },

  async exemptionMonthHolders(memberNo, year) {
    const items = await queryAll({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.exemptionMonthPrefix(year) },
      ConsistentRead: true,
    })
    return new Map(items.map((item) => [z.string().parse(item.SK).slice(keys.exemptionMonthPrefix(year).length), z.string().parse(item.claimId)]))
  },

  async categoryCredited(memberNo, year, category) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.outputCap(memberNo, year, category), ConsistentRead: true }))
    return Item ? z.number().parse(Item.credited) : 0
  },

  trail(id) {
    return listTrail(keys.claimTrail(id))
  },

  async decide(claim, decision, { trail, message, credit }) {
    // A returned claim no longer stands in the way of claiming the same again (or its months).
    const released =
      decision.status === 'returned'
        ? [keys.claimDedupe(claim.memberNo, claim.dedupeKey), ...claimedMonths(claim).map((month) => keys.exemptionMonth(claim.memberNo, month))]
        : []
    const handled = {
      scopeCode: claim.associationCode,
      kind: claimKind(claim),
      id: claim.id,
      title: claim.memberName,
      subtitle: `${claim.title} · ${claim.memberNo}`,
      number: claim.memberNo,
      name: claim.memberName,
      year: claim.year,
      decision: decision.status === 'approved' ? ('approved' as const) : ('returned' as const),
      decidedBy: decision.decidedBy,
    }
    const items: (readonly [string, TransactItem])[] = [
      ['claim', decidePending(claimKey(claim.id), claim.version, decision)],
      ...released.map((Key) => ['release', { Delete: { TableName: config.tableName, Key } }] as const),
      ['message', memberMessagePut(claim.memberNo, message)],
      ...(credit?.categoryTotal ? [['total', categoryTotalUpdate(claim.memberNo, claim.year, credit.categoryTotal)] as const] : []),
      ['trail', trailPut(keys.claimTrail(claim.id), trail, handled)],
    ]
    const failed = await transactCrediting(items, credit && { member: claim, row: credit.hours })
    if (failed.includes('claim') || failed.includes('hours')) return 'claim-changed'
    return failed.includes('total') ? 'total-changed' : 'decided'
  },
}
