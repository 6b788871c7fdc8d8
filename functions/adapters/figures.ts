import { deferred } from '../../shared/deferred'
import { BatchGetCommand, GetCommand, TransactWriteCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from './dynamo-client'
import * as z from 'zod'
import { FEE_ALLOWS_APPLYING, FEE_STATUSES, type FeeStatus } from '../../shared/fee'
import { hoursStanding, type HoursRecord } from '../../shared/hours'
import { INSPECTION_KINDS, INSPECTION_STATUSES, type InspectionKind, type InspectionStatus } from '../../shared/inspection'
import type { UserType } from '../../shared/roles'
import { config } from '../config'
import type { FigureCounts, Figures } from '../ports/figures'
import type { HoursRow } from '../ports/hours'
import { StaleWrite } from '../ports/outcomes'
import { countAll, dynamo, keys, queryAll, transactNamed, type TransactItem } from './dynamo'
import { hoursPut } from './hours'

/**
 * 年检 figures per association and year (issue 17). Every count is a counter item that the write
 * changing a counted item ADDs to in its own transaction, so the figures cost one BatchGet and
 * never a Scan; `recountFigures` counts the same again from the items (tests prove the two agree).
 *
 * What an item contributes is a function of its state alone (`inspectionCounts`, `feeCounts`, an
 * hours summary's `met`): a write that moves an item from one state to another adds the
 * difference (`figuresChange`), whatever the transition was.
 */
type YearCounts = Omit<FigureCounts, 'members'>
type Contribution = Partial<YearCounts>

const YEAR_FIELDS = ['applied', 'passed', 'returned', 'deferred', 'feePaid', 'hoursMet'] as const satisfies readonly (keyof YearCounts)[]

/** Items of one association and year that recounts and exports read by GSI2 (member number as sort key). */
export function associationYearIndex(associationCode: string, year: number, kind: 'INSPECTION' | 'FEE' | 'HOURS', memberNo: string) {
  return { GSI2PK: keys.associationYear(associationCode, year, kind), GSI2SK: memberNo }
}

/** An inspection (or deferral) record counts as applied once submitted; a draft counts for nothing. */
export function inspectionCounts(state: { status: InspectionStatus; kind: InspectionKind } | undefined): Contribution {
  if (!state || state.status === 'draft') return {}
  if (state.status === 'returned') return { applied: 1, returned: 1 }
  if (state.status === 'passed') return { applied: 1, [state.kind === 'deferral' ? 'deferred' : 'passed']: 1 }
  return { applied: 1 }
}

export function feeCounts(status: FeeStatus | undefined): Contribution {
  return status && FEE_ALLOWS_APPLYING.includes(status) ? { feePaid: 1 } : {}
}

/** The ADD of what an item's change moves in its association-year's counters: none when nothing moves. */
export function figuresChange(associationCode: string, year: number, before: Contribution, after: Contribution): TransactItem[] {
  const moved = YEAR_FIELDS.map((field) => [field, (after[field] ?? 0) - (before[field] ?? 0)] as const).filter(([, by]) => by !== 0)
  if (!moved.length) return []
  return [
    {
      Update: {
        TableName: config.tableName,
        Key: keys.figures(associationCode, year),
        UpdateExpression: `SET entity = :entity ADD ${moved.map((_, index) => `#f${index} :d${index}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(moved.map(([field], index) => [`#f${index}`, field])),
        ExpressionAttributeValues: { ':entity': 'figures', ...Object.fromEntries(moved.map(([, by], index) => [`:d${index}`, by])) },
      },
    },
  ]
}

/** Only non-practising members take the 年检 the figures are about (practising CPAs are inspected elsewhere). */
export const countsInFigures = (userType: UserType) => userType === 'non_practising'

/** Counts a new member of the association, in the transaction that creates the member. */
export function memberCountAdd(associationCode: string, userType: UserType): TransactItem[] {
  if (!countsInFigures(userType)) return []
  return [
    {
      Update: {
        TableName: config.tableName,
        Key: keys.associationMemberCount(associationCode),
        UpdateExpression: 'SET entity = :entity ADD members :one',
        ExpressionAttributeValues: { ':entity': 'figures', ':one': 1 },
      },
    },
  ]
}

/**
 * A member's hours of one year, summed as the requirement needs them: hours done, and each
 * approved exemption (its period when it has one) because exemptions lower the requirement by the
 * union of their periods, not by their hours.
 */
const storedSummary = deferred(() =>
  z.object({
    total: z.number(),
    exemptions: z.array(z.object({ hours: z.number(), period: z.object({ from: z.string(), to: z.string() }).optional() })),
    met: z.boolean(),
    version: z.number(),
  }),
)
type HoursSummary = z.infer<typeof storedSummary>

/** The year's standing by the shared rules (shared/hours.ts), from the summary alone: every non-exemption hour counts the same there. */
function summaryStanding(year: number, summary: Pick<HoursSummary, 'total' | 'exemptions'>) {
  const records: HoursRecord[] = [
    { year, source: 'online', hours: summary.total },
    ...summary.exemptions.map((exemption) => ({ year, source: 'exemption' as const, ...exemption })),
  ]
  return hoursStanding(records, year)
}

const summaryMet = (year: number, summary: Pick<HoursSummary, 'total' | 'exemptions'>) => summaryStanding(year, summary).missing === 0

/** How many hours a stored summary item (or none: nothing credited) still lacks for its year's requirement. */
export function summaryMissing(year: number, item: Record<string, unknown> | undefined): number {
  return summaryStanding(year, item ? storedSummary.pick({ total: true, exemptions: true }).parse(item) : { total: 0, exemptions: [] }).missing
}

/** The summary with `rows` added (all of `year`). */
function addedUp(year: number, before: HoursSummary | undefined, rows: readonly HoursRecord[]): HoursSummary {
  const total = rows.filter((row) => row.source !== 'exemption').reduce((sum, row) => sum + row.hours, before?.total ?? 0)
  const exemptions = [
    ...(before?.exemptions ?? []),
    ...rows.filter((row) => row.source === 'exemption').map((row) => ({ hours: row.hours, ...(row.period ? { period: row.period } : {}) })),
  ]
  return { total, exemptions, met: summaryMet(year, { total, exemptions }), version: (before?.version ?? 0) + 1 }
}

type Member = { memberNo: string; associationCode: string }

function summaryItem(member: Member, year: number, summary: HoursSummary) {
  return {
    ...keys.hoursSummary(member.memberNo, year),
    entity: 'hours-summary',
    memberNo: member.memberNo,
    associationCode: member.associationCode,
    year,
    ...summary,
    ...associationYearIndex(member.associationCode, year, 'HOURS', member.memberNo),
  }
}

/**
 * What crediting one row writes: the row, the member-year summary over the version read (so two
 * credits at once cannot both add to the same total), and hoursMet when `met` flips either way.
 */
async function hoursCredit(member: Member, row: HoursRow & { category?: string }) {
  const key = keys.hoursSummary(member.memberNo, row.year)
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }))
  const before = Item ? storedSummary.parse(Item) : undefined
  const after = addedUp(row.year, before, [row])
  const summary: TransactItem = {
    Put: {
      TableName: config.tableName,
      Item: summaryItem(member, row.year, after),
      ConditionExpression: before ? '#version = :version' : 'attribute_not_exists(PK)',
      ...(before ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': before.version } } : {}),
    },
  }
  const met = figuresChange(member.associationCode, row.year, { hoursMet: Number(before?.met ?? false) }, { hoursMet: Number(after.met) })
  return [['hours', hoursPut(member.memberNo, row)] as const, ['summary', summary] as const, ...met.map((item) => ['figures', item] as const)]
}

/** Another credit of the same member and year committing in between is rare; a few fresh reads settle it. */
const CREDIT_ATTEMPTS = 5

/**
 * Runs a transaction of `items` that also credits `credit.row` when given (every write that
 * credits hours goes through here). Answers the names whose condition failed, like transactNamed;
 * when only the summary failed, another credit of that member-year got in first: read it again.
 */
export async function transactCrediting<Name extends string>(
  items: readonly (readonly [Name, TransactItem])[],
  credit: { member: Member; row: HoursRow & { category?: string } } | undefined,
): Promise<(Name | 'hours')[]> {
  for (let attempt = 1; attempt <= CREDIT_ATTEMPTS; attempt++) {
    const failed = await transactNamed<Name | 'hours' | 'summary' | 'figures'>([...items, ...(credit ? await hoursCredit(credit.member, credit.row) : [])])
    if (failed.length !== 1 || failed[0] !== 'summary') return failed.filter((name): name is Name | 'hours' => name !== 'summary' && name !== 'figures')
  }
  throw new StaleWrite('hours summary kept changing')
}

/**
 * A seeded member's hours summary (demo data and tests' builders write members outside the request
 * paths): the item to put beside the rows, and whether it meets the year's requirement.
 */
export function seededHoursSummary(member: Member, year: number, rows: readonly Omit<HoursRecord, 'year'>[]) {
  const summary = addedUp(
    year,
    undefined,
    rows.map((row) => ({ ...row, year })),
  )
  return { item: summaryItem(member, year, summary), met: summary.met }
}

/**
 * Counts a member the seed wrote (demo data, the tests' builders, the volume loader): seeding
 * writes items outside the request paths, one member at a time, so its counts follow its puts.
 */
export async function countSeededMember(member: Member & { userType: UserType }, year: number, counts: Contribution): Promise<void> {
  if (!countsInFigures(member.userType)) return
  const items = [...memberCountAdd(member.associationCode, member.userType), ...figuresChange(member.associationCode, year, {}, counts)]
  await dynamo().send(new TransactWriteCommand({ TransactItems: items }))
}

const counted = deferred(() =>
  z.object({
    members: z.number().default(0),
    applied: z.number().default(0),
    passed: z.number().default(0),
    returned: z.number().default(0),
    deferred: z.number().default(0),
    feePaid: z.number().default(0),
    hoursMet: z.number().default(0),
  }),
)

async function batchGet(wanted: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = []
  // BatchGetItem takes at most 100 keys and may hand some back unprocessed under load.
  for (let start = 0; start < wanted.length; start += 100) {
    let request: BatchGetCommandInput['RequestItems'] = { [config.tableName]: { Keys: wanted.slice(start, start + 100), ConsistentRead: true } }
    while (request && Object.keys(request).length) {
      const answer: BatchGetCommandOutput = await dynamo().send(new BatchGetCommand({ RequestItems: request }))
      found.push(...(answer.Responses?.[config.tableName] ?? []))
      request = answer.UnprocessedKeys
    }
  }
  return found
}

export const dynamoFigures: Figures = {
  async read(associationCodes, year) {
    const items = await batchGet(associationCodes.flatMap((code) => [keys.figures(code, year), keys.associationMemberCount(code)]))
    const byKey = new Map(items.map((item) => [`${item.PK}|${item.SK}`, item]))
    const at = (key: { PK: string; SK: string }) => byKey.get(`${key.PK}|${key.SK}`) ?? {}
    return associationCodes.map((code) => {
      const { members } = counted.parse(at(keys.associationMemberCount(code)))
      return { ...counted.parse(at(keys.figures(code, year))), members }
    })
  },
}

const inspectionState = deferred(() => z.object({ status: z.enum(INSPECTION_STATUSES), kind: z.enum(INSPECTION_KINDS) }))

/**
 * The same figures counted from the items themselves, through the association-year indexes and
 * the association's members partition (Queries, no Scan): what the counters must always equal.
 */
export async function recountFigures(associationCode: string, year: number): Promise<FigureCounts> {
  const partition = (kind: 'INSPECTION' | 'FEE' | 'HOURS') =>
    queryAll({
      TableName: config.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.associationYear(associationCode, year, kind) },
    })
  const [members, inspections, fees, hours] = await Promise.all([
    countAll({
      TableName: config.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition',
      FilterExpression: 'userType = :nonPractising',
      ExpressionAttributeValues: { ':partition': keys.associationMembers(associationCode), ':nonPractising': 'non_practising' },
    }),
    partition('INSPECTION'),
    partition('FEE'),
    partition('HOURS'),
  ])
  const contributions: Contribution[] = [
    ...inspections.map((item) => inspectionCounts(inspectionState.parse(item))),
    ...fees.map((item) => feeCounts(z.enum(FEE_STATUSES).parse(item.status))),
    ...hours.map((item) => ({ hoursMet: Number(summaryMet(year, storedSummary.parse(item))) })),
  ]
  const sum = (field: keyof YearCounts) => contributions.reduce((total, contribution) => total + (contribution[field] ?? 0), 0)
  return { members, ...(Object.fromEntries(YEAR_FIELDS.map((field) => [field, sum(field)])) as YearCounts) }
}
