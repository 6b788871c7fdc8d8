import { GetCommand, UpdateCommand } from './dynamo-client'
import { config } from '../config'
import type { MemberAuthorizationStates } from '../ports/wechat-oauth'
import { dynamo, isConditionFailure, keys } from './dynamo'

/** One item per account; the table's TTL on expiresAt removes a state nobody came back with. */
export const dynamoMemberAuthorizationStates: MemberAuthorizationStates = {
  async issue(accountId, state) {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.payerAuthorizationState(accountId),
        UpdateExpression: 'SET stateHash = :hash, expiresAt = :expires, entity = :entity',
        // A state is never issued twice: the same hash again would mean the random source repeated.
        ConditionExpression: 'attribute_not_exists(stateHash) OR stateHash <> :hash',
        ExpressionAttributeValues: { ':hash': state.hash, ':expires': state.expiresAt, ':entity': 'authorization-state' },
      }),
    )
  },

  async held(accountId) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.payerAuthorizationState(accountId), ConsistentRead: true }))
    return typeof Item?.stateHash === 'string' ? { hash: Item.stateHash, expiresAt: Number(Item.expiresAt) } : undefined
  },

  async consume(accountId, { stateHash, now }) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.payerAuthorizationState(accountId),
          UpdateExpression: 'REMOVE stateHash',
          ConditionExpression: 'stateHash = :hash AND expiresAt > :now',
          ExpressionAttributeValues: { ':hash': stateHash, ':now': now },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },
}
