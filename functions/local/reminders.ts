import { dynamo, keys, queryAll } from '../adapters/dynamo'
import { lambda } from '../adapters/lambda'
import { exportUploads } from '../adapters/export-files'
import { s3 } from '../adapters/s3'
import { config } from '../config'
import { handler } from '../handlers/reminders'
import type { OutboxChannel, OutboxMessage } from '../ports/outbox'
import { lambdaContext } from './api-server'
import { asFunction, enforceRoles } from './iam-emulation'

/** The function's own timeout in serverless.yml. */
const REMINDERS_SECONDS = 900

/**
 * Runs the deployed reminders handler in this process as EventBridge would start it, under the
 * function's role from permissions.json (the local runner's IAM emulation): the local command,
 * the tests and the bench all go through here.
 */
export function runRemindersJob(event: { associations?: string[] } = {}) {
  if (process.env.IAM_EMULATION !== 'off') enforceRoles({ dynamo: dynamo(), s3: s3(), s3Uploads: exportUploads(), lambda: lambda() })
  return asFunction('reminders', () => handler(event, lambdaContext('reminders', REMINDERS_SECONDS)))
}

/** What the local outbox received on one channel from `since` on (an ISO time), oldest first: a Query of its one partition. */
export async function outboxSince(channel: OutboxChannel, since: string): Promise<OutboxMessage[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk',
    FilterExpression: 'sentAt >= :since',
    ExpressionAttributeValues: { ':pk': keys.outbox(channel, '', '', '').PK, ':since': since },
  })
  return items
    .map((item) => ({ channel, recipient: String(item.recipient), body: String(item.body), sentAt: String(item.sentAt) }))
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
}
