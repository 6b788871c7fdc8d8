import { deferred } from '../../shared/deferred'
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from './dynamo-client'
import * as z from 'zod'
import { INSPECTION_KINDS, INSPECTION_STATUSES } from '../../shared/inspection'
import { EXPORT_KINDS, EXPORT_STATUSES } from '../../shared/workbench'
import { config } from '../config'
import type { ExportJobs, ExportSources } from '../ports/exports'
import { dynamo, isConditionFailure, keys, staleOnConflict } from './dynamo'

const storedJob = deferred(() =>
  z.object({
    id: z.string(),
    ownerAccountId: z.string(),
    kind: z.enum(EXPORT_KINDS),
    year: z.number().optional(),
    associationCode: z.string(),
    status: z.enum(EXPORT_STATUSES),
    processed: z.number(),
    total: z.number().optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    fileName: z.string(),
    objectKey: z.string(),
    failure: z.string().optional(),
  }),
)

/** A status change that applies only from the statuses named: false when the job was elsewhere. */
async function transition(
  id: string,
  from: readonly string[],
  update: string,
  values: Record<string, unknown>,
  names: Record<string, string> = {},
): Promise<boolean> {
  const froms = Object.fromEntries(from.map((status, index) => [`:from${index}`, status]))
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.exportJob(id),
        UpdateExpression: update,
        ConditionExpression: `#status IN (${Object.keys(froms).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status', ...names },
        ExpressionAttributeValues: { ...froms, ...values },
      }),
    )
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

export const dynamoExportJobs: ExportJobs = {
  async create(job, expiresAt) {
    await staleOnConflict(() =>
      dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: {
            ...keys.exportJob(job.id),
            entity: 'export',
            ...job,
            expiresAt,
            GSI1PK: keys.exportsOf(job.ownerAccountId),
            GSI1SK: `${job.createdAt}#${job.id}`,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    )
  },

  async get(id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.exportJob(id), ConsistentRead: true }))
    return Item ? storedJob.parse(Item) : undefined
  },

  async recent(ownerAccountId, limit) {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :owner',
        ExpressionAttributeValues: { ':owner': keys.exportsOf(ownerAccountId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return Items.map((item) => storedJob.parse(item))
  },

  begin: (id) => transition(id, ['queued'], 'SET #status = :running', { ':running': 'running' }),

  async progress(id, processed, total) {
    const set = ['#processed = :processed', ...(total === undefined ? [] : ['#total = :total'])]
    const values = { ':processed': processed, ...(total === undefined ? {} : { ':total': total }) }
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.exportJob(id),
        UpdateExpression: `SET ${set.join(', ')}`,
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status', '#processed': 'processed', ...(total === undefined ? {} : { '#total': 'total' }) },
        ExpressionAttributeValues: { ...values, ':running': 'running' },
      }),
    )
  },

  async finish(id, processed, at) {
    const finished = await transition(
      id,
      ['running'],
      'SET #status = :done, #processed = :processed, finishedAt = :at',
      { ':done': 'done', ':processed': processed, ':at': at },
      { '#processed': 'processed' },
    )
    if (!finished) throw new Error(`export ${id} was no longer running when its file was written`)
  },

  async fail(id, failure, at) {
    await transition(id, ['queued', 'running'], 'SET #status = :failed, failure = :failure, finishedAt = :at', {
      ':failed': 'failed',
      ':failure': failure,
      ':at': at,
    })
  },
}

/** The pages of a query, item by item, read one page ahead of the consumer at most. */
export async function* queryItems(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>) {
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }))
    yield* page.Items ?? []
    startKey = page.LastEvaluatedKey
  } while (startKey)
}

const storedMember = deferred(() => z.object({ memberNo: z.string(), name: z.string(), workUnit: z.string().optional() }))
const storedInspection = deferred(() =>
  z.object({
    memberNo: z.string(),
    kind: z.enum(INSPECTION_KINDS),
    status: z.enum(INSPECTION_STATUSES),
    submittedAt: z.string().optional(),
    decidedAt: z.string().optional(),
    returnReason: z.string().optional(),
  }),
)
const storedHours = deferred(() => z.object({ memberNo: z.string(), total: z.number(), met: z.boolean() }))

/** An association-year partition (GSI2, sorted by 会员编号), reading only the attributes named. */
export const associationYearItems = (associationCode: string, year: number, kind: 'INSPECTION' | 'FEE' | 'HOURS', attributes: string[]) =>
  queryItems({
    TableName: config.tableName,
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :partition',
    ExpressionAttributeValues: { ':partition': keys.associationYear(associationCode, year, kind) },
    ProjectionExpression: attributes.map((_, index) => `#a${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((attribute, index) => [`#a${index}`, attribute])),
  })

/** What the export shows of an association-year partition. */
async function* associationYear<T>(associationCode: string, year: number, kind: 'INSPECTION' | 'HOURS', schema: z.ZodType<T>, attributes: string[]) {
  for await (const item of associationYearItems(associationCode, year, kind, attributes)) yield schema.parse(item)
}

export const dynamoExportSources: ExportSources = {
  async *members(associationCode) {
    const items = queryItems({
      TableName: config.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition',
      FilterExpression: 'userType = :nonPractising',
      ProjectionExpression: 'memberNo, #name, workUnit',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':partition': keys.associationMembers(associationCode), ':nonPractising': 'non_practising' },
    })
    for await (const item of items) yield storedMember.parse(item)
  },
  inspections: (associationCode, year) =>
    associationYear(associationCode, year, 'INSPECTION', storedInspection, ['memberNo', 'kind', 'status', 'submittedAt', 'decidedAt', 'returnReason']),
  hours: (associationCode, year) => associationYear(associationCode, year, 'HOURS', storedHours, ['memberNo', 'total', 'met']),
}
