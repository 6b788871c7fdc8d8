import { createHash } from 'node:crypto'
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { config } from '../config'
import { AppError } from '../http/errors'
import { dynamo, epochSeconds, isConditionFailure, keys } from './dynamo'
import { chinaDate, startOfChinaDate } from '../../shared/china-time'
import { clock } from './clock'

export interface RateLimit {
  /** Names the counter: routes that should share one allowance use the same bucket. */
  bucket: string
  limit: number
  windowSeconds: number
}

/**
 * Counts one request of `client` (usually the source IP) in the current fixed window and refuses
 * it with 429 once `limit` requests were counted. One conditional ADD per request: concurrent
 * requests cannot overshoot, and the window's item expires through the table's TTL.
 */
export async function enforceRateLimit({ bucket, limit, windowSeconds }: RateLimit, client: string, now = clock.now()): Promise<void> {
  const nowSeconds = epochSeconds(now)
  const windowStart = nowSeconds - (nowSeconds % windowSeconds)
  if (!(await countInWindow(bucket, client, limit, windowStart, windowSeconds))) {
    const minutes = Math.max(1, Math.ceil((windowStart + windowSeconds - nowSeconds) / 60))
    throw new AppError('RATE_LIMITED', `查询过于频繁，请${minutes}分钟后再试`)
  }
}

/** One conditional ADD on the window's counter; false when the limit was already reached. */
async function countInWindow(bucket: string, client: string, limit: number, windowStart: number, windowSeconds: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.rateLimit(bucket, client, windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': windowStart + windowSeconds },
      }),
    )
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

/** Subjects such as phone numbers are hashed: keys must not carry personal data. */
const subjectHash = (subject: string) => createHash('sha256').update(subject).digest('base64url')

/**
 * Counts one use of a per-subject daily allowance (e.g. codes per phone number) and says whether
 * it was still allowed; the caller words the refusal.
 */
export async function takeDailyQuota(bucket: string, subject: string, limit: number, now = clock.now()): Promise<boolean> {
  // Days end at midnight in Beijing, where the members live.
  const windowStart = epochSeconds(startOfChinaDate(chinaDate(now)))
  return countInWindow(bucket, subjectHash(subject), limit, windowStart, 24 * 60 * 60)
}

/**
 * Claims a cooldown (e.g. "one code per 60 s"): 0 when claimed, otherwise the seconds left.
 * A conditional put, so two requests in the same second cannot both claim it.
 */
export async function claimCooldown(bucket: string, subject: string, seconds: number, now = clock.now()): Promise<number> {
  const nowSeconds = epochSeconds(now)
  try {
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { ...keys.cooldown(bucket, subjectHash(subject)), until: nowSeconds + seconds, expiresAt: nowSeconds + seconds + 60 },
        ConditionExpression: 'attribute_not_exists(PK) OR #until <= :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    )
    return 0
  } catch (error) {
    if (!isConditionFailure(error)) throw error
    // The exception carries the held item in DynamoDB's raw attribute format ({ N: "…" }).
    const held = (error as { Item?: { until?: { N?: string } } }).Item
    return Math.max(1, Number(held?.until?.N ?? nowSeconds + seconds) - nowSeconds)
  }
}
