import { GetCommand, PutCommand, UpdateCommand } from './dynamo-client'
import type { Account, AccountStore, MemberRecord } from '../ports/accounts'
import { config } from '../config'
import { dynamo, isConditionFailure, keys, staleOnConflict } from './dynamo'
import { clock } from './clock'

function stripKeys<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, GSI2PK: _g2, GSI2SK: _g2s, entity: _e, ...rest } = item
  return rest as T
}

async function versionedUpdate(account: Account, set: Record<string, unknown>): Promise<Account> {
  const names: Record<string, string> = { '#version': 'version' }
  const values: Record<string, unknown> = { ':expected': account.version, ':one': 1 }
  const assignments = Object.entries(set).map(([field, value], index) => {
    names[`#f${index}`] = field
    values[`:v${index}`] = value
    return `#f${index} = :v${index}`
  })
  return staleOnConflict(async () => {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.account(account.accountId),
        UpdateExpression: `SET ${[...assignments, '#version = #version + :one'].join(', ')}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    )
    return stripKeys<Account>(result.Attributes!)
  })
}

export const dynamoAccountStore: AccountStore = {
  async get(accountId) {
    const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.account(accountId), ConsistentRead: true }))
    return result.Item ? stripKeys<Account>(result.Item) : undefined
  },

  async tokenVersion(accountId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.account(accountId), ConsistentRead: true, ProjectionExpression: 'tokenVersion' }),
    )
    return Item ? Number(Item.tokenVersion) : undefined
  },

  async startSession(accountId, sessionId, expiresAt) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.accountSession(accountId, sessionId), entity: 'session', generation: 0, expiresAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
  },

  async rotateSession(accountId, sessionId, generation, expiresAt) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.accountSession(accountId, sessionId),
          UpdateExpression: 'SET generation = :next, expiresAt = :expires',
          ConditionExpression: 'generation = :seen',
          ExpressionAttributeValues: { ':seen': generation, ':next': generation + 1, ':expires': expiresAt },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      return 'rotated'
    } catch (error) {
      if (!isConditionFailure(error)) throw error
      // The exception carries the item when there is one: then its generation moved on without this token.
      return (error as { Item?: unknown }).Item ? 'reused' : 'unknown'
    }
  },

  replacePassword(account, passwordHash) {
    return versionedUpdate(account, {
      passwordHash,
      mustChangePassword: false,
      tokenVersion: account.tokenVersion + 1,
      passwordChangedAt: clock.now().toISOString(),
    })
  },

  async upgradePasswordHash(account, passwordHash) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.account(account.accountId),
          UpdateExpression: 'SET passwordHash = :new',
          ConditionExpression: 'passwordHash = :verified',
          ExpressionAttributeValues: { ':new': passwordHash, ':verified': account.passwordHash },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },

  async revokeSessions(account) {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.account(account.accountId),
        UpdateExpression: 'ADD tokenVersion :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    )
  },

  async getMember(memberNo) {
    const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.member(memberNo) }))
    return result.Item ? stripKeys<MemberRecord>(result.Item) : undefined
  },
}
