import { deferred } from '../../shared/deferred'
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { inspectionId } from '../../shared/inspection'
import { config } from '../config'
import type { HeldRecord, PersonalDataSource, PersonalExportRecord, PersonalExportRecords } from '../ports/personal-export'
import { dynamo, isConditionFailure, keys, queryAll } from './dynamo'
import { listTrail } from './trail'

const fileRecord = deferred(() => z.object({ fileName: z.string(), bytes: z.number(), downloadedAt: z.string().optional() }))
const storedRecord = deferred(() =>
  z.object({
    id: z.string(),
    accountId: z.string(),
    status: z.enum(['building', 'ready', 'failed']),
    createdAt: z.string(),
    expiresAt: z.string(),
    objectPrefix: z.string(),
    files: z.object({ pdf: fileRecord.optional(), json: fileRecord.optional() }),
  }),
) satisfies z.ZodType<PersonalExportRecord>
const stored = (item: Record<string, unknown>): PersonalExportRecord => storedRecord.parse(item)

export const dynamoPersonalExportRecords: PersonalExportRecords = {
  async begin(record, abandonedBefore) {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: { ...keys.personalExport(record.accountId, record.id), entity: 'personal-export', ...record },
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :failed OR (#status = :building AND createdAt < :abandoned)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':building': 'building', ':abandoned': abandonedBefore },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },

  async finish(accountId, id, files) {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.personalExport(accountId, id),
        UpdateExpression: 'SET #status = :ready, files = :files',
        ConditionExpression: '#status = :building',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':ready': 'ready', ':building': 'building', ':files': files },
      }),
    )
  },

  async fail(accountId, id) {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.personalExport(accountId, id),
        UpdateExpression: 'SET #status = :failed',
        ConditionExpression: '#status = :building',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':building': 'building' },
      }),
    )
  },

  async get(accountId, id) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.personalExport(accountId, id), ConsistentRead: true }))
    return Item ? stored(Item) : undefined
  },

  async recent(accountId, limit) {
    const { Items } = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.personalExportsOf(accountId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return (Items ?? []).map(stored)
  },

  async takeDownload(accountId, id, file, at) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.personalExport(accountId, id),
          UpdateExpression: 'SET files.#file.downloadedAt = :at',
          ConditionExpression: '#status = :ready AND expiresAt > :at AND attribute_exists(files.#file) AND attribute_not_exists(files.#file.downloadedAt)',
          ExpressionAttributeNames: { '#status': 'status', '#file': file },
          ExpressionAttributeValues: { ':ready': 'ready', ':at': at },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },
}

/**
 * What no export shows: the table's keys and index copies, optimistic-lock counters, and secrets
 * that are the system's rather than the member's (password hash, sealed initial password, the
 * keyed digest of the ID number, token versions and refresh generations).
 */
const INTERNAL = new Set(['PK', 'SK', 'entity', 'version', 'passwordHash', 'tokenVersion', 'generation', 'initialPasswordSealed', 'identityDigest'])
const isInternal = (name: string) => INTERNAL.has(name) || name.startsWith('GSI') || name.startsWith('inbox')

function held(item: Record<string, unknown>): HeldRecord {
  const sk = String(item.SK)
  const cut = sk.indexOf('#')
  return {
    kind: cut < 0 ? sk : sk.slice(0, cut),
    name: cut < 0 ? '' : sk.slice(cut + 1),
    data: Object.fromEntries(Object.entries(item).filter(([name]) => !isInternal(name))),
  }
}

const partition = async (pk: string) =>
  (await queryAll({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } })).map(held)

/** Where the approval steps of a member's item are kept, for the kinds that have them. */
function trailOf(memberNo: string, record: HeldRecord): string | undefined {
  switch (record.kind) {
    case 'INSPECTION':
      return keys.inspectionTrail(String(record.data.id ?? inspectionId(memberNo, Number(record.name))))
    case 'FEE':
      return keys.feeTrail(inspectionId(memberNo, Number(record.name)))
    case 'CLAIM':
      return keys.claimTrail(record.name)
    case 'GOODSTANDING':
      return keys.goodStandingTrail(record.name)
    default:
      return undefined
  }
}

export const dynamoPersonalData: PersonalDataSource = {
  async memberRecords(memberNo) {
    const records = await partition(keys.member(memberNo).PK)
    return Promise.all(
      records.map(async (record) => {
        const trail = trailOf(memberNo, record)
        return trail ? { ...record, trail: await listTrail(trail) } : record
      }),
    )
  },

  accountRecords: (accountId) => partition(keys.account(accountId).PK),

  subscriptionRecords: (accountId) => partition(keys.subscriptionCredit(accountId, '').PK),

  async admissionRecords(identityDigest) {
    const items = await queryAll({
      TableName: config.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :applicant',
      ExpressionAttributeValues: { ':applicant': keys.applicantPartition(identityDigest) },
    })
    // The applicant's WeChat openid was kept for the decision's message only ("never shown").
    return items.map(held).map(({ data }) => ({
      kind: 'ADMISSION',
      name: String(data.businessNo ?? ''),
      data: Object.fromEntries(Object.entries(data).filter(([name]) => name !== 'openid')),
    }))
  },
}
