import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { AdmissionStage } from '../../shared/admission'
import type { ApplicationFields } from '../../shared/api/admission-schemas'
import { config } from '../config'
import { dynamo, keys } from './dynamo'
import { STOP_WAITING } from './pending'

/** One admission application as stored: the form plus where it stands. */
export interface StoredApplication extends ApplicationFields {
  businessNo: string
  identityDigest: string
  stage: AdmissionStage
  version: number
  submittedAt: string
  updatedAt: string
  returnReason?: string
  rejectReason?: string
  memberNo?: string
  /** AES-GCM sealed initial password; removed once the member has replaced it. */
  initialPasswordSealed?: string
}

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]

const STORAGE_ONLY = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', 'inboxKind', 'inboxItemId', 'inboxTitle', 'inboxSubtitle']

function fromItem(item: Record<string, unknown>): StoredApplication {
  const application = { ...item }
  for (const key of STORAGE_ONLY) delete application[key]
  return application as unknown as StoredApplication
}

export function applicationItem(application: StoredApplication) {
  return {
    ...keys.admission(application.businessNo),
    entity: 'admission',
    ...application,
    GSI2PK: keys.applicantPartition(application.identityDigest),
    GSI2SK: `${application.submittedAt}#${application.businessNo}`,
  }
}

export async function getApplication(businessNo: string): Promise<StoredApplication | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.admission(businessNo), ConsistentRead: true }))
  return Item ? fromItem(Item) : undefined
}

/** The person's most recent application (GSI2, newest first). */
export async function latestApplicationOf(identityDigest: string): Promise<StoredApplication | undefined> {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :applicant',
      ExpressionAttributeValues: { ':applicant': keys.applicantPartition(identityDigest) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  )
  const latest = Items?.[0]
  // The index is eventually consistent; the application itself is read strongly.
  return latest ? getApplication(String(latest.businessNo)) : undefined
}

export async function openApplicationOf(identityDigest: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.openAdmission(identityDigest), ConsistentRead: true }))
  return Item ? String(Item.businessNo) : undefined
}

export async function memberNoOfIdentity(identityDigest: string): Promise<{ memberNo: string; name: string } | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.memberIdentity(identityDigest) }))
  return Item ? { memberNo: String(Item.memberNo), name: String(Item.name) } : undefined
}

export function memberIdentityPut(identityDigest: string, memberNo: string, name: string): TransactItem {
  return {
    Put: {
      TableName: config.tableName,
      Item: { ...keys.memberIdentity(identityDigest), entity: 'member-identity', memberNo, name },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }
}

export function openApplicationPut(identityDigest: string, businessNo: string): TransactItem {
  return {
    Put: {
      TableName: config.tableName,
      Item: { ...keys.openAdmission(identityDigest), entity: 'open-admission', businessNo },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }
}

export function openApplicationDelete(identityDigest: string, businessNo: string): TransactItem {
  return {
    Delete: {
      TableName: config.tableName,
      Key: keys.openAdmission(identityDigest),
      ConditionExpression: 'businessNo = :businessNo',
      ExpressionAttributeValues: { ':businessNo': businessNo },
    },
  }
}

export function noMemberWithIdentity(identityDigest: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: config.tableName,
      Key: keys.memberIdentity(identityDigest),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }
}

/**
 * A versioned update of an application that only applies while it is still at `expectedStage`
 * and `expectedVersion`: two reviewers acting at once cannot both succeed.
 */
export function applicationUpdate(
  businessNo: string,
  expected: { stage: AdmissionStage; version: number },
  set: Record<string, unknown>,
  options: { remove?: readonly string[]; stopWaiting?: boolean } = {},
): TransactItem {
  const names: Record<string, string> = { '#stage': 'stage', '#version': 'version' }
  const values: Record<string, unknown> = { ':expectedStage': expected.stage, ':expectedVersion': expected.version, ':one': 1 }
  const assignments = Object.entries(set).map(([field, value], index) => {
    names[`#s${index}`] = field
    values[`:s${index}`] = value
    return `#s${index} = :s${index}`
  })
  const removals = (options.remove ?? []).map((field, index) => {
    names[`#r${index}`] = field
    return `#r${index}`
  })
  const removeClause = options.stopWaiting
    ? [STOP_WAITING, ...removals].join(', ')
    : removals.length ? `REMOVE ${removals.join(', ')}` : ''
  return {
    Update: {
      TableName: config.tableName,
      Key: keys.admission(businessNo),
      UpdateExpression: `SET ${[...assignments, '#version = #version + :one'].join(', ')} ${removeClause}`.trim(),
      ConditionExpression: '#stage = :expectedStage AND #version = :expectedVersion',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }
}

export async function transact(items: TransactItem[]) {
  await dynamo().send(new TransactWriteCommand({ TransactItems: items }))
}

/** Which elements of a cancelled transaction failed their condition. */
export function failedConditions(error: unknown): number[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
  return reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []))
}

/** The next value of a named counter (atomic ADD: two callers never get the same number). */
export async function nextCounterValue(name: string): Promise<number> {
  const { Attributes } = await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: keys.counter(name),
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  )
  return Number(Attributes!.value)
}

export async function memberExists(memberNo: string): Promise<boolean> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.member(memberNo), ProjectionExpression: 'PK' }))
  return Boolean(Item)
}

/** Forgets the sealed initial password once it has been replaced (only if still the same one). */
export async function forgetInitialPassword(businessNo: string, sealed: string) {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.admission(businessNo),
        UpdateExpression: 'REMOVE initialPasswordSealed',
        ConditionExpression: 'initialPasswordSealed = :sealed',
        ExpressionAttributeValues: { ':sealed': sealed },
      }),
    )
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error
  }
}
