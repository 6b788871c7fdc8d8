import { randomUUID } from 'node:crypto'
import { PutCommand, QueryCommand } from './dynamo-client'
import { config } from '../config'
import type { Outbox, OutboxMessage } from '../ports/outbox'
import { dynamo, epochSeconds, keys } from './dynamo'
import { clock } from './clock'
import { logger } from './logger'

const KEEP_SECONDS = 24 * 60 * 60

/** The local delivery provider: messages land in the table (and the log) instead of a phone. */
export const dynamoOutbox: Outbox = {
  async deliver(message) {
    const sentAt = clock.now()
    const item: OutboxMessage = { ...message, sentAt: sentAt.toISOString() }
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          ...keys.outbox(message.channel, message.recipient, item.sentAt, randomUUID()),
          ...item,
          expiresAt: epochSeconds(sentAt) + KEEP_SECONDS,
        },
      }),
    )
    logger.info('local outbox', { outbox: message.channel, recipient: message.recipient, body: message.body })
  },

  async list(channel, recipient) {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :recipient)',
        ExpressionAttributeValues: { ':pk': keys.outbox(channel, '', '', '').PK, ':recipient': `${recipient}#` },
        ScanIndexForward: false,
        Limit: 20,
      }),
    )
    return (result.Items ?? []).map(({ channel: c, recipient: r, body, sentAt }) => ({ channel: c, recipient: r, body, sentAt }) as OutboxMessage)
  },
}
