import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { config } from '../config'

let cached: { endpoint: string | undefined; client: DynamoDBDocumentClient } | undefined

/** One document client per process (per endpoint), reused across Lambda invocations. */
export function dynamo(): DynamoDBDocumentClient {
  const endpoint = config.dynamoEndpoint
  if (!cached || cached.endpoint !== endpoint) {
    const client = new DynamoDBClient({ region: config.region, ...(endpoint ? { endpoint } : {}) })
    cached = { endpoint, client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) }
  }
  return cached.client
}

/** Keys of the single table; every item kind builds its keys here so prefixes never collide. */
export const keys = {
  account: (accountId: string) => ({ PK: `ACCOUNT#${accountId}`, SK: 'ACCOUNT' }),
  member: (memberNo: string) => ({ PK: `MEMBER#${memberNo}`, SK: 'PROFILE' }),
  captcha: (captchaId: string) => ({ PK: `CAPTCHA#${captchaId}`, SK: 'CAPTCHA' }),
  outbox: (channel: string, recipient: string, at: string, id: string) => ({ PK: `OUTBOX#${channel}`, SK: `${recipient}#${at}#${id}` }),
  /** GSI1 partition of the items waiting for one approval level of one kind. */
  pendingPartition: (scopeCode: string, kind: string) => `PENDING#${scopeCode}#${kind}`,
}

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000)

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException')
}
