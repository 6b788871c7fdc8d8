import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod'
import { config } from '../config'
import type { SubscriptionCredits, WechatNotices } from '../ports/subscriptions'
import { dynamoAccountStore } from './accounts-dynamo'
import { dynamo, isConditionFailure, keys } from './dynamo'
import { operationsLog } from './logger'
import { messaging } from './messaging'
import { dynamoWechatBindings } from './reset-dynamo'

const CreditItem = z.object({ credits: z.number().int() })

export const dynamoSubscriptionCredits: SubscriptionCredits = {
  async credits(accountId, template) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.subscriptionCredit(accountId, template), ConsistentRead: true }),
    )
    return Item ? CreditItem.parse(Item).credits : 0
  },

  async grant(accountId, template, at) {
    // ADD is atomic: two acceptances recorded at once both count.
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.subscriptionCredit(accountId, template),
        UpdateExpression: 'ADD credits :one SET entity = :entity, updatedAt = :at',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'subscription-credit', ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    )
    return CreditItem.parse(Attributes).credits
  },

  async clear(accountId, template, at) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.subscriptionCredit(accountId, template),
          UpdateExpression: 'SET credits = :zero, updatedAt = :at',
          ConditionExpression: 'credits > :zero',
          ExpressionAttributeValues: { ':zero': 0, ':at': at },
        }),
      )
    } catch (error) {
      // Nothing to clear.
      if (!isConditionFailure(error)) throw error
    }
  },

  async take(accountId, template, at) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.subscriptionCredit(accountId, template),
          UpdateExpression: 'SET credits = credits - :one, updatedAt = :at',
          ConditionExpression: 'credits >= :one',
          ExpressionAttributeValues: { ':one': 1, ':at': at },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },
}

/** The deciding functions' way to the member's WeChat: bound openid, credits, the messenger of this deployment. */
export const wechatNotices = (): WechatNotices => ({
  members: dynamoAccountStore,
  bindings: dynamoWechatBindings,
  credits: dynamoSubscriptionCredits,
  wechat: messaging().wechat,
  log: operationsLog,
})
