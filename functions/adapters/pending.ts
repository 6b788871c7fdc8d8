import { deferred } from '../../shared/deferred'
import { QueryCommand, type QueryCommandInput } from './dynamo-client'
import * as z from 'zod'
import { APPROVAL_KINDS, type ApprovalKind } from '../../shared/approvals'
import type { HandledItem, HandledQuery, InboxFilter, InboxItem } from '../../shared/api/workbench-schemas'
import { startOfChinaDate } from '../../shared/china-time'
import { HANDLED_DECISIONS, PENDING_STATES, type HandledDecision, type InboxOrder, type PendingState } from '../../shared/workbench'
import { config } from '../config'
import { InvalidCursor, type Inbox, type Page } from '../ports/inbox'
import { countAll, dynamo, keys, type TransactItem } from './dynamo'

/** What an inbox shows of a waiting item, and what it is found by. */
export interface WaitingItem {
  id: string
  /** The applicant's or member's name, as the list shows it. */
  title: string
  subtitle: string
  submittedAt: string
  /** 会员编号, or 业务编号 for an applicant who is not a member yet. */
  number: string
  /** The name searched by. */
  name: string
  year: number
  /**
   * Absent when an item waits again without being submitted again (an admission forwarded to
   * CICPA, an inspection reopened by staff): it keeps the state it last waited in.
   */
  state?: PendingState
}

/**
 * How any item waits in a staff inbox: these attributes, written on the item itself in the same
 * (conditional) write that makes it pending. GSI1 (the list by submission time), GSI3 (by number)
 * and GSI4 (by name) are sparse, so removing their keys when the item is decided (`STOP_WAITING`)
 * takes it out of every inbox, search and count at once.
 *
 * `scopeCode` is the association code for local staff, CICPA_CODE for CICPA staff.
 */
export function waitingFor(scopeCode: string, kind: ApprovalKind, item: WaitingItem) {
  return {
    GSI1PK: keys.pendingPartition(scopeCode, kind),
    GSI1SK: `${item.submittedAt}#${item.id}`,
    GSI3PK: keys.pendingByNumber(scopeCode),
    GSI3SK: searchKey(searchableNumber(item.number), kind, item.id),
    GSI4PK: keys.pendingByName(scopeCode),
    GSI4SK: searchKey(searchableName(item.name), kind, item.id),
    inboxKind: kind,
    inboxItemId: item.id,
    inboxTitle: item.title,
    inboxSubtitle: item.subtitle,
    inboxNumber: item.number,
    inboxName: item.name,
    inboxYear: item.year,
    ...(item.state ? { inboxState: item.state } : {}),
    submittedAt: item.submittedAt,
  }
}

const WAITING_KEYS = ['GSI1PK', 'GSI1SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK']

/** Append to an UpdateExpression (as its REMOVE clause) when an item stops waiting for a level. */
export const STOP_WAITING = `REMOVE ${WAITING_KEYS.join(', ')}`

/**
 * The one way a pending item is decided: only from the pending version the reviewer read, and out
 * of every inbox in the same write. `set` holds what the decision records (`status` among them);
 * undefined values are removed from the item, and a decision that hands the item to the next
 * level's inbox sets its index attributes anew (`waitingFor`). Items whose state is another
 * attribute (an admission's `stage`) name it in `state`. Put it in the transaction that writes the
 * decision's trail entry and messages: a second or concurrent decision fails that transaction's
 * condition.
 */
export function decidePending(
  key: { PK: string; SK: string },
  expectedVersion: number,
  set: Record<string, unknown>,
  state: { attribute: string; pending: string } = { attribute: 'status', pending: 'pending' },
): TransactItem {
  const names: Record<string, string> = { '#status': state.attribute, '#version': 'version' }
  const values: Record<string, unknown> = { ':pending': state.pending, ':expected': expectedVersion, ':one': 1 }
  const assignments = ['#version = #version + :one']
  const removals = WAITING_KEYS.filter((attribute) => !(attribute in set))
  Object.entries(set).forEach(([attribute, value], index) => {
    names[`#a${index}`] = attribute
    if (value === undefined) removals.push(`#a${index}`)
    else {
      values[`:a${index}`] = value
      assignments.push(`#a${index} = :a${index}`)
    }
  })
  return {
    Update: {
      TableName: config.tableName,
      Key: key,
      UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: '#status = :pending AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }
}

/** What a level decided on one item: the decision's trail entry carries it and so becomes the 已办 record. */
export interface HandledRecord {
  scopeCode: string
  kind: ApprovalKind
  id: string
  title: string
  subtitle: string
  number: string
  name: string
  year: number
  decision: HandledDecision
  /** The deciding staff member's name. */
  decidedBy: string
}

/** The index keys and attributes that list a trail entry among its level's 已办 of the year. */
export function handledBy(record: HandledRecord, decidedAt: string) {
  return {
    GSI1PK: keys.handledPartition(record.scopeCode, record.year),
    GSI1SK: `${decidedAt}#${record.id}`,
    GSI3PK: keys.handledByNumber(record.scopeCode, record.year),
    GSI3SK: searchKey(searchableNumber(record.number), record.kind, record.id),
    GSI4PK: keys.handledByName(record.scopeCode, record.year),
    GSI4SK: searchKey(searchableName(record.name), record.kind, record.id),
    handledKind: record.kind,
    handledItemId: record.id,
    handledTitle: record.title,
    handledSubtitle: record.subtitle,
    handledNumber: record.number,
    handledName: record.name,
    handledYear: record.year,
    handledDecision: record.decision,
    handledBy: record.decidedBy,
  }
}

/**
 * Search keys start with the number or name, so a prefix is a `begins_with` on one partition, and
 * `#` sorts before every digit, letter and CJK character: the exact match comes first.
 */
const searchKey = (term: string, kind: ApprovalKind, id: string) => `${term}#${kind}#${id}`
/** 业务编号 carry letters: staff type them in either case. */
const searchableNumber = (number: string) => number.trim().toUpperCase()
const searchableName = (name: string) => name.trim()

/** Numbers are letters and digits; anything else typed (Chinese characters above all) is a name. */
const looksLikeNumber = (q: string) => /^[0-9A-Za-z]+$/.test(q)

type IndexName = 'GSI1' | 'GSI3' | 'GSI4'

/** One attribute compared with one value, ANDed into a FilterExpression. */
interface Condition {
  attribute: string
  op: '=' | '>=' | '<'
  value: string | number
}

/**
 * A list read through one partition of one index: which part of the sort key (a prefix, or
 * [from, before) of a time-led key), filtered by attributes, in sort-key order or reversed.
 */
interface Plan {
  index: IndexName
  partition: string
  range: { prefix?: string; from?: string; before?: string }
  filter: Condition[]
  forward: boolean
}

const DAY_MS = 24 * 3600_000

/** China dates (inclusive) → the UTC instants they span: stored times are UTC ISO strings. */
function submittedRange(filter: InboxFilter): { from?: string; before?: string } {
  return {
    from: filter.from ? startOfChinaDate(filter.from).toISOString() : undefined,
    before: filter.to ? new Date(startOfChinaDate(filter.to).getTime() + DAY_MS).toISOString() : undefined,
  }
}

function searchPlan(q: string, partitions: { byNumber: string; byName: string }, filter: Condition[]): Plan {
  const byNumber = looksLikeNumber(q)
  return {
    index: byNumber ? 'GSI3' : 'GSI4',
    partition: byNumber ? partitions.byNumber : partitions.byName,
    range: { prefix: byNumber ? searchableNumber(q) : searchableName(q) },
    filter,
    forward: true,
  }
}

/**
 * A kind's pending items: by submission time on GSI1 (dates narrow the key range), or, when
 * searching, by number or name on GSI3/GSI4 of the whole scope (kind and dates become filters).
 * Search results come in number or name order, exact matches first, whatever `order` says.
 */
function pendingPlan(scopeCode: string, kind: ApprovalKind, filter: InboxFilter, order: InboxOrder): Plan {
  const conditions: Condition[] = []
  if (filter.year !== undefined) conditions.push({ attribute: 'inboxYear', op: '=', value: filter.year })
  if (filter.state) conditions.push({ attribute: 'inboxState', op: '=', value: filter.state })
  const submitted = submittedRange(filter)
  if (!filter.q) {
    return { index: 'GSI1', partition: keys.pendingPartition(scopeCode, kind), range: submitted, filter: conditions, forward: order === 'oldest' }
  }
  conditions.push({ attribute: 'inboxKind', op: '=', value: kind })
  if (submitted.from) conditions.push({ attribute: 'submittedAt', op: '>=', value: submitted.from })
  if (submitted.before) conditions.push({ attribute: 'submittedAt', op: '<', value: submitted.before })
  return searchPlan(filter.q, { byNumber: keys.pendingByNumber(scopeCode), byName: keys.pendingByName(scopeCode) }, conditions)
}

/** A level's decisions of a year, newest first; searching reads GSI3/GSI4 of that year. */
function handledPlan(scopeCode: string, query: HandledQuery): Plan {
  const conditions: Condition[] = []
  if (query.kind) conditions.push({ attribute: 'handledKind', op: '=', value: query.kind })
  if (query.decision) conditions.push({ attribute: 'handledDecision', op: '=', value: query.decision })
  if (!query.q) return { index: 'GSI1', partition: keys.handledPartition(scopeCode, query.year), range: {}, filter: conditions, forward: false }
  return searchPlan(query.q, { byNumber: keys.handledByNumber(scopeCode, query.year), byName: keys.handledByName(scopeCode, query.year) }, conditions)
}

function queryInput(plan: Plan): Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit' | 'Select'> {
  const names: Record<string, string> = { '#pk': `${plan.index}PK` }
  const values: Record<string, unknown> = { ':partition': plan.partition }
  const { prefix, from, before } = plan.range
  // DynamoDB refuses a name the expressions do not use: the sort key is named only when narrowed.
  if (prefix !== undefined || from || before) names['#sk'] = `${plan.index}SK`
  let key = '#pk = :partition'
  if (prefix !== undefined) {
    key += ' AND begins_with(#sk, :prefix)'
    values[':prefix'] = prefix
  } else if (from && before) {
    key += ' AND #sk BETWEEN :from AND :before'
    Object.assign(values, { ':from': from, ':before': before })
  } else if (from) {
    key += ' AND #sk >= :from'
    values[':from'] = from
  } else if (before) {
    key += ' AND #sk < :before'
    values[':before'] = before
  }
  const filters = plan.filter.map((condition, index) => {
    names[`#f${index}`] = condition.attribute
    values[`:f${index}`] = condition.value
    return `#f${index} ${condition.op} :f${index}`
  })
  return {
    TableName: config.tableName,
    IndexName: plan.index,
    KeyConditionExpression: key,
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: plan.forward,
  }
}

/**
 * Whether a sort key lies where the plan reads. BETWEEN's upper bound is the day after `to`
 * without an id, so it admits nothing submitted at that instant: the same as `< before` here.
 */
function inRange(plan: Plan, sortKey: string): boolean {
  const { prefix, from, before } = plan.range
  return (prefix === undefined || sortKey.startsWith(prefix)) && (!from || sortKey >= from) && (!before || sortKey < before)
}

/** The table and index keys of a row: where the next page starts, just after it. */
function positionOf(plan: Plan, row: Record<string, unknown>) {
  return { PK: row.PK, SK: row.SK, [`${plan.index}PK`]: row[`${plan.index}PK`], [`${plan.index}SK`]: row[`${plan.index}SK`] }
}

const encodeCursor = (position: Record<string, unknown>) => Buffer.from(JSON.stringify(position)).toString('base64url')

/**
 * A cursor is accepted only as this list hands it out: the four keys as strings, in this plan's
 * partition and key range. Anything else would make DynamoDB refuse the query, or start another list.
 */
function decodeCursor(plan: Plan, cursor: string): Record<string, string> {
  const shape = z.strictObject({ PK: z.string(), SK: z.string(), [`${plan.index}PK`]: z.string(), [`${plan.index}SK`]: z.string() })
  let position: Record<string, string> | undefined
  try {
    position = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).data
  } catch {
    throw new InvalidCursor()
  }
  if (!position || position[`${plan.index}PK`] !== plan.partition || !inRange(plan, position[`${plan.index}SK`] ?? '')) throw new InvalidCursor()
  return position
}

/**
 * One page: Query rounds of `limit + 1` items read until more than `limit` match or the partition
 * ends, so the last page is known to be last (no empty page after it). The cursor is the last
 * returned row's keys: rows read past it are read again next page rather than skipped, and a row
 * removed meanwhile (decided) shifts nothing, since DynamoDB starts after a key whether or not an
 * item still holds it.
 */
/** Rows one filtered Query reads: about one page of a state that 1 in 10 items has. */
const FILTERED_READ_STEP = 200

async function readPage(plan: Plan, cursor: string | undefined, limit: number): Promise<Page<Record<string, unknown>>> {
  const input = queryInput(plan)
  let startKey: Record<string, unknown> | undefined = cursor ? decodeCursor(plan, cursor) : undefined
  const rows: Record<string, unknown>[] = []
  do {
    // A year or state filter keeps only some of what a list Query reads: read in larger steps than a page, or a rare state
    // takes a request per few rows. A search's key already narrows to what is typed; its kind filter keeps most.
    const step = input.FilterExpression && plan.index === 'GSI1' ? Math.max(limit + 1, FILTERED_READ_STEP) : limit + 1
    const page = await dynamo().send(new QueryCommand({ ...input, Limit: step, ExclusiveStartKey: startKey }))
    rows.push(...(page.Items ?? []))
    startKey = page.LastEvaluatedKey
  } while (startKey && rows.length <= limit)
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, ...(rows.length > limit && last ? { nextCursor: encodeCursor(positionOf(plan, last)) } : {}) }
}

/** The attributes `waitingFor` put on a waiting item, and the item's own version. */
const storedWaiting = deferred(() =>
  z.object({
    inboxItemId: z.string(),
    inboxTitle: z.string(),
    inboxSubtitle: z.string(),
    inboxNumber: z.string(),
    inboxYear: z.number(),
    // Items waiting since before states were recorded (and items reopened from them) count as first submissions.
    inboxState: z.enum(PENDING_STATES).default('new'),
    submittedAt: z.string(),
    version: z.number(),
  }),
)

function asInboxItem(kind: ApprovalKind, row: Record<string, unknown>): InboxItem {
  const waiting = storedWaiting.parse(row)
  return {
    id: waiting.inboxItemId,
    kind,
    title: waiting.inboxTitle,
    subtitle: waiting.inboxSubtitle,
    number: waiting.inboxNumber,
    year: waiting.inboxYear,
    state: waiting.inboxState,
    submittedAt: waiting.submittedAt,
    version: waiting.version,
  }
}

/** A decision's trail entry with what `handledBy` put on it. */
const storedHandled = deferred(() =>
  z.object({
    handledKind: z.enum(APPROVAL_KINDS),
    handledItemId: z.string(),
    handledTitle: z.string(),
    handledSubtitle: z.string(),
    handledNumber: z.string(),
    handledYear: z.number(),
    handledDecision: z.enum(HANDLED_DECISIONS),
    handledBy: z.string(),
    opinion: z.string(),
    at: z.string(),
  }),
)

function asHandledItem(row: Record<string, unknown>): HandledItem {
  const handled = storedHandled.parse(row)
  return {
    id: handled.handledItemId,
    kind: handled.handledKind,
    title: handled.handledTitle,
    subtitle: handled.handledSubtitle,
    number: handled.handledNumber,
    year: handled.handledYear,
    decision: handled.handledDecision,
    opinion: handled.opinion,
    decidedAt: handled.at,
    decidedBy: handled.handledBy,
  }
}

export const dynamoInbox: Inbox = {
  count: (scopeCode, kind, filter = {}) => countAll(queryInput(pendingPlan(scopeCode, kind, filter, 'oldest'))),
  async list(scopeCode, kind, query) {
    const page = await readPage(pendingPlan(scopeCode, kind, query.filter, query.order), query.cursor, query.limit)
    return { ...page, items: page.items.map((row) => asInboxItem(kind, row)) }
  },
  async handled(scopeCode, query) {
    const page = await readPage(handledPlan(scopeCode, query), query.cursor, query.limit)
    return { ...page, items: page.items.map(asHandledItem) }
  },
}
