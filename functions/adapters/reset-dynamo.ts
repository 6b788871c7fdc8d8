import { createHash, randomUUID } from 'node:crypto'
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from './dynamo-client'
import { config } from '../config'
import { StaleWrite } from '../ports/outcomes'
import type { AuditLog, ResetSession, ResetStore, WechatBinding, WechatBindings } from '../ports/reset'
import { dynamo, isConditionFailure, keys, staleOnConflict } from './dynamo'
import { logger } from './logger'

export const dynamoResetStore: ResetStore = {
  async create(session) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.resetSession(session.resetIdHash), entity: 'reset', ...session },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
  },

  async get(resetIdHash) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.resetSession(resetIdHash), ConsistentRead: true }))
    if (!Item) return undefined
    const { PK: _pk, SK: _sk, entity: _entity, ...session } = Item
    return session as ResetSession
  },

  async storeCode(session, code) {
    await staleOnConflict(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: 'SET codeHash = :hash, codeChannel = :channel, codeSentAt = :sentAt, codeExpiresAt = :expires, codeAttempts = :zero',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(verifiedBy)',
          ExpressionAttributeValues: { ':hash': code.hash, ':channel': code.channel, ':sentAt': code.sentAt, ':expires': code.expiresAt, ':zero': 0 },
        }),
      ),
    )
  },

  async recordCodeAttempt(session, { matched, burn }) {
    const set = ['codeAttempts = codeAttempts + :one', ...(matched ? ['verifiedBy = :method'] : [])]
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: `SET ${set.join(', ')}${matched || burn ? ' REMOVE codeHash' : ''}`,
          ConditionExpression: 'codeAttempts = :seen AND codeHash = :hash AND attribute_not_exists(verifiedBy)',
          ExpressionAttributeValues: {
            ':one': 1,
            ':seen': session.codeAttempts,
            ':hash': session.codeHash,
            ...(matched ? { ':method': session.codeChannel } : {}),
          },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },

  async recordIdentityAttempt(session, matched) {
    await staleOnConflict(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: `SET identityAttempts = identityAttempts + :one${matched ? ', verifiedBy = :method' : ''}`,
          ConditionExpression: 'identityAttempts = :seen AND attribute_not_exists(verifiedBy)',
          ExpressionAttributeValues: { ':one': 1, ':seen': session.identityAttempts, ...(matched ? { ':method': 'identity' } : {}) },
        }),
      ),
    )
  },

  async issueOfficialAccountState(session, state) {
    await staleOnConflict(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: 'SET oaStateHash = :hash, oaStateExpiresAt = :expires',
          ConditionExpression: 'attribute_exists(verifiedBy) AND attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':hash': state.hash, ':expires': state.expiresAt },
        }),
      ),
    )
  },

  async acceptOfficialAccount(session, { stateHash, openid, now }) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: 'SET oaOpenid = :openid REMOVE oaStateHash, oaStateExpiresAt',
          ConditionExpression: 'oaStateHash = :hash AND oaStateExpiresAt > :now AND attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':openid': openid, ':hash': stateHash, ':now': now },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },

  async complete(session, at) {
    await staleOnConflict(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.resetSession(session.resetIdHash),
          UpdateExpression: 'SET completedAt = :at',
          ConditionExpression: 'attribute_exists(verifiedBy) AND attribute_not_exists(completedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    )
  },
}

function bindingFrom(item: Record<string, unknown> | undefined): WechatBinding | undefined {
  if (!item) return undefined
  return { accountId: String(item.accountId), openid: String(item.openid), boundAt: String(item.boundAt) }
}

type BindingKey = (id: string) => { PK: string; SK: string }

/** One kind of WeChat identity bound to member accounts, an item each way under the given keys. */
function bindingsUnder(byOpenidKey: BindingKey, byAccountKey: BindingKey): WechatBindings {
  const bindings: WechatBindings = {
    async byOpenid(openid) {
      const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: byOpenidKey(openid), ConsistentRead: true }))
      return bindingFrom(Item)
    },

    async byAccount(accountId) {
      const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: byAccountKey(accountId), ConsistentRead: true }))
      return bindingFrom(Item)
    },

    async bind(accountId, openid, at) {
      const [current, holder] = await Promise.all([bindings.byAccount(accountId), bindings.byOpenid(openid)])
      if (holder && holder.accountId !== accountId) return 'taken'
      if (current?.openid === openid) return 'unchanged'
      const binding = { entity: 'wechat-binding', accountId, openid, boundAt: at }
      try {
        await dynamo().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: config.tableName,
                  Item: { ...byOpenidKey(openid), ...binding },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: config.tableName,
                  Item: { ...byAccountKey(accountId), ...binding },
                  ...(current
                    ? { ConditionExpression: 'openid = :previous', ExpressionAttributeValues: { ':previous': current.openid } }
                    : { ConditionExpression: 'attribute_not_exists(PK)' }),
                },
              },
              // The member's earlier WeChat no longer logs in as them.
              ...(current
                ? [
                    {
                      Delete: {
                        TableName: config.tableName,
                        Key: byOpenidKey(current.openid),
                        ConditionExpression: 'accountId = :me',
                        ExpressionAttributeValues: { ':me': accountId },
                      },
                    },
                  ]
                : []),
            ],
          }),
        )
        return 'bound'
      } catch (error) {
        if (!isConditionFailure(error)) throw error
        const nowHolder = await bindings.byOpenid(openid)
        if (nowHolder && nowHolder.accountId !== accountId) return 'taken'
        throw new StaleWrite()
      }
    },

    async unbind(accountId) {
      const current = await bindings.byAccount(accountId)
      if (!current) return
      await staleOnConflict(() =>
        dynamo().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: config.tableName,
                  Key: byAccountKey(accountId),
                  ConditionExpression: 'openid = :openid',
                  ExpressionAttributeValues: { ':openid': current.openid },
                },
              },
              {
                Delete: {
                  TableName: config.tableName,
                  Key: byOpenidKey(current.openid),
                  ConditionExpression: 'accountId = :me',
                  ExpressionAttributeValues: { ':me': accountId },
                },
              },
            ],
          }),
        ),
      )
    },
  }
  return bindings
}

/** The mini-program's openid (wx.login): WeChat login and the code by subscription message. */
export const dynamoWechatBindings = bindingsUnder(keys.wechatBinding, keys.accountWechat)

/** The official account's openid (web authorization on the H5 找回密码 page), bound on reset (seed 003, 2.1.3). */
export const dynamoOfficialAccountBindings = bindingsUnder(keys.officialAccountBinding, keys.accountOfficialAccount)

/** Audit entries live under the account (SK AUDIT#…); the log line carries no personal data. */
export const dynamoAuditLog: AuditLog = {
  async write(accountId, entry) {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.audit(accountId, entry.at, randomUUID()), entity: 'audit', ...entry },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    const accountRef = createHash('sha256').update(accountId).digest('base64url').slice(0, 12)
    logger.info('audit', { audit: entry.action, method: entry.method, accountRef, requestId: entry.requestId })
  },
}
