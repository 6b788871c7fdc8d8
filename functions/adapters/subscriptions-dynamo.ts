import { deferred } from '../../shared/deferred'
import { GetCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { config } from '../config'
import type { SubscriptionTemplate } from '../../shared/api/subscription-schemas'
import type { CreditChange, SubscriptionCredits, WechatNotices } from '../ports/subscriptions'
import { dynamoAccountStore } from './accounts-dynamo'
import { dynamo, isConditionFailure, keys, type TransactItem } from './dynamo'
import { operationsLog } from './logger'
import { messaging } from './messaging'
import { dynamoWechatBindings } from './reset-dynamo'

const CreditItem = deferred(() => z.object({ credits: z.number().int() }))

/** One more credit; ADD is atomic, so two acceptances recorded at once both count. */
const grantUpdate = (subject: string, template: SubscriptionTemplate, at: string) => ({
  TableName: config.tableName,
  Key: keys.subscriptionCredit(subject, template),
  UpdateExpression: 'ADD credits :one SET entity = :entity, updatedAt = :at',
  ExpressionAttributeValues: { ':one': 1, ':entity': 'subscription-credit', ':at': at },
})

/**
 * A credit change inside another write's transaction (an application stored with the applicant's
 * answer). A clear there is unconditional: "none left" must not fail the write it rides with.
 */
export function creditChangeItem(subject: string, { template, change }: CreditChange, at: string): TransactItem {
  if (change === 'grant') return { Update: grantUpdate(subject, template, at) }
  return {
    Update: {
      TableName: config.tableName,
      Key: keys.subscriptionCredit(subject, template),
      UpdateExpression: 'SET credits = :zero, entity = :entity, updatedAt = :at',
      ExpressionAttributeValues: { ':zero': 0, ':entity': 'subscription-credit', ':at': at },
    },
  }
}

export const dynamoSubscriptionCredits: SubscriptionCredits = {
  async credits(subject, template) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.subscriptionCredit(subject, template), ConsistentRead: true }))
    return Item ? CreditItem.parse(Item).credits : 0
  },

  async grant(subject, template, at) {
    const { Attributes } = await dynamo().send(new UpdateCommand({ ...grantUpdate(subject, template, at), ReturnValues: 'ALL_NEW' }))
    return CreditItem.parse(Attributes).credits
  },

  async clear(subject, template, at) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.subscriptionCredit(subject, template),
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

  async take(subject, template, at) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.subscriptionCredit(subject, template),
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
