import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { HoursClaim } from '../../shared/api/education-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import { exemptionMonths } from '../../shared/education'
import { config } from '../config'
import { dynamo, keys, memberItems, newItemPut, orConflict, queryAll } from './dynamo'
import { STOP_WAITING, waitingFor, withoutStorageFields } from './pending'
import { trailPut } from './trail'
import { uploadClaimPut } from './uploads'

export interface StoredProof {
  key: string
  fileName: string
  size: number
}

/** A claim as stored: the public view (its label derives from the status) plus who it belongs to and where its proofs are. */
export interface StoredClaim extends Omit<HoursClaim, 'statusLabel'> {
  memberNo: string
  memberName: string
  associationCode: string
  proofs: StoredProof[]
  /** Digest of what was claimed: the same claim cannot be pending or approved twice. */
  dedupeKey: string
}

export const claimTrail = (id: string) => `CLAIM#${id}`

export function memberNoOfClaim(id: string): string {
  return id.split('-')[1] ?? ''
}

const claimKey = (id: string) => keys.hoursClaim(memberNoOfClaim(id), id)
const dedupeMarker = (memberNo: string, dedupeKey: string) => ({ PK: keys.member(memberNo).PK, SK: `CLAIMKEY#${dedupeKey}` })

/** The months an exemption claim reduces (none for output-based claims). */
function claimedMonths(claim: Pick<StoredClaim, 'year' | 'exemption'>): string[] {
  return claim.exemption ? exemptionMonths({ from: claim.exemption.periodFrom, to: claim.exemption.periodTo }, claim.year) : []
}

function toClaim(item: Record<string, unknown>): StoredClaim {
  const { decidedBy: _staff, ...claim } = withoutStorageFields(item)
  return claim as unknown as StoredClaim
}

/**
 * Stores a new claim. An exemption also creates one item per month it reduces, in the same
 * transaction and only where none exists: of two exemptions sharing a month, however close
 * together they are sent, exactly one transaction commits. A read-then-write check could not
 * promise that, and a single per-member lock item would also refuse claims for other months.
 */
export async function createClaim(claim: StoredClaim, inbox: { title: string; subtitle: string }, trail: TrailEntry) {
  const kind = claim.kind === 'output' ? 'output_hours' : 'exemption_hours'
  await orConflict(
    () =>
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            newItemPut({ ...dedupeMarker(claim.memberNo, claim.dedupeKey), entity: 'claim-key', claimId: claim.id }),
            ...claimedMonths(claim).map((month) => newItemPut({ ...keys.exemptionMonth(claim.memberNo, month), entity: 'exemption-month', claimId: claim.id })),
            newItemPut({
              ...claimKey(claim.id),
              entity: 'hours-claim',
              ...claim,
              ...waitingFor(claim.associationCode, kind, { id: claim.id, ...inbox, submittedAt: claim.submittedAt }),
            }),
            trailPut(claimTrail(claim.id), trail),
            ...claim.proofs.map((proof) => uploadClaimPut(proof.key)),
          ],
        }),
      ),
    '已提交过相同的申请（审核中或已通过），请勿重复提交',
  )
}

export async function getClaim(id: string): Promise<StoredClaim | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: claimKey(id), ConsistentRead: true }))
  return result.Item ? toClaim(result.Item) : undefined
}

/** Which claims hold the member's exemption months of `year` (read consistently: a claim stored a moment ago counts). */
export async function exemptionMonthHolders(memberNo: string, year: number): Promise<Map<string, string>> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.exemptionMonthPrefix(year) },
    ConsistentRead: true,
  })
  return new Map(items.map((item) => [String(item.SK).slice(keys.exemptionMonthPrefix(year).length), String(item.claimId)]))
}

export async function listClaims(memberNo: string): Promise<StoredClaim[]> {
  return (await memberItems(memberNo, 'CLAIM#')).map(toClaim)
}

export async function readCategoryCredited(memberNo: string, year: number, category: string): Promise<number> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.outputCap(memberNo, year, category), ConsistentRead: true }))
  return Number(result.Item?.credited ?? 0)
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]

/**
 * Decides a pending claim once, together with whatever the decision writes (credited hours, the
 * category's running total); a stale version or a second decision gets 409 and writes nothing.
 */
export async function decideClaim(
  current: StoredClaim,
  decided: Pick<HoursClaim, 'status' | 'creditedHours' | 'capNote' | 'returnReason' | 'decidedAt'> & { decidedBy: string },
  trail: TrailEntry,
  alongside: TransactItem[],
) {
  // A returned claim no longer stands in the way of claiming the same again (or its months).
  const released: TransactItem[] =
    decided.status === 'returned'
      ? [dedupeMarker(current.memberNo, current.dedupeKey), ...claimedMonths(current).map((month) => keys.exemptionMonth(current.memberNo, month))].map((Key) => ({
          Delete: { TableName: config.tableName, Key },
        }))
      : []
  return orConflict(async () => {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.tableName,
              Key: claimKey(current.id),
              UpdateExpression: `SET #status = :status, creditedHours = :credited, capNote = :capNote, returnReason = :reason, decidedAt = :at, decidedBy = :by, #version = #version + :one ${STOP_WAITING}`,
              ConditionExpression: '#status = :pending AND #version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: {
                ':status': decided.status,
                ':credited': decided.creditedHours,
                ':capNote': decided.capNote,
                ':reason': decided.returnReason,
                ':at': decided.decidedAt,
                ':by': decided.decidedBy,
                ':pending': 'pending',
                ':version': current.version,
                ':one': 1,
              },
            },
          },
          ...released,
          ...alongside,
          trailPut(claimTrail(current.id), trail),
        ],
      }),
    )
  })
}

/** Raises a category's credited total from exactly what the decision read, so two approvals cannot both fill the same cap. */
export function categoryCreditedUpdate(memberNo: string, year: number, category: string, before: number, after: number): TransactItem {
  return {
    Update: {
      TableName: config.tableName,
      Key: keys.outputCap(memberNo, year, category),
      UpdateExpression: 'SET entity = :entity, credited = :after',
      ConditionExpression: before === 0 ? 'attribute_not_exists(credited) OR credited = :before' : 'credited = :before',
      ExpressionAttributeValues: { ':entity': 'output-cap', ':after': after, ':before': before },
    },
  }
}
