import { createHash } from 'node:crypto'
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from './dynamo-client'
import { config } from '../config'
import { RateLimited, type RateLimit, type RateLimits, type Strikes } from '../ports/rate-limits'
import { dynamo, epochSeconds, isConditionFailure, keys } from './dynamo'
import { chinaDate, startOfChinaDate } from '../../shared/china-time'
import { clock } from './clock'

export type { RateLimit, Strikes } from '../ports/rate-limits'

/**
 * Counts one request of `client` (usually the source IP) in the current fixed window and throws
 * RateLimited once `limit` requests were counted. One conditional ADD per request: concurrent
 * requests cannot overshoot, and the window's item expires through the table's TTL.
 */
export async function enforceRateLimit({ bucket, limit, windowSeconds }: RateLimit, client: string, now = clock.now()): Promise<void> {
  const nowSeconds = epochSeconds(now)
  const windowStart = nowSeconds - (nowSeconds % windowSeconds)
  if (!(await countInWindow(bucket, client, limit, windowStart, windowSeconds))) throw new RateLimited(windowStart + windowSeconds - nowSeconds)
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

export async function releaseCooldown(bucket: string, subject: string): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({ TableName: config.tableName, Key: keys.cooldown(bucket, subjectHash(subject)), ConditionExpression: 'attribute_exists(PK)' }),
    )
  } catch (error) {
    if (!isConditionFailure(error)) throw error
  }
}

/** The subject's failures still counting (a lapsed count reads as none). A strongly consistent read. */
export async function readStrikes(bucket: string, subject: string, now = clock.now()): Promise<Strikes> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.strikes(bucket, subjectHash(subject)), ConsistentRead: true }))
  const until = Number(Item?.until ?? 0)
  return until > epochSeconds(now) ? { count: Number(Item!.count), until } : { count: 0, until: 0 }
}

/**
 * Counts one failure; the count lasts `seconds` after the latest one (the item's TTL then removes
 * it). Adds to a running count, or starts one when it lapsed: each step is conditional, so
 * concurrent failures are all counted.
 */
export async function addStrike(bucket: string, subject: string, seconds: number, now = clock.now()): Promise<Strikes> {
  const key = keys.strikes(bucket, subjectHash(subject))
  const nowSeconds = epochSeconds(now)
  const until = nowSeconds + seconds
  for (;;) {
    try {
      const { Attributes } = await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: key,
          UpdateExpression: 'ADD #count :one SET #until = :until, expiresAt = :until',
          ConditionExpression: '#until > :now',
          ExpressionAttributeNames: { '#count': 'count', '#until': 'until' },
          ExpressionAttributeValues: { ':one': 1, ':until': until, ':now': nowSeconds },
          ReturnValues: 'UPDATED_NEW',
        }),
      )
      return { count: Number(Attributes?.count), until }
    } catch (error) {
      if (!isConditionFailure(error)) throw error
    }
    try {
      await dynamo().send(
        new PutCommand({
          TableName: config.tableName,
          Item: { ...key, count: 1, until, expiresAt: until },
          ConditionExpression: 'attribute_not_exists(PK) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      )
      return { count: 1, until }
    } catch (error) {
      // Someone else started the count meanwhile: add to theirs.
      if (!isConditionFailure(error)) throw error
    }
  }
}

/** Forgets the subject's failures (after a success); a no-op when there are none. */
export async function clearStrikes(bucket: string, subject: string): Promise<void> {
  try {
    await dynamo().send(
      new DeleteCommand({ TableName: config.tableName, Key: keys.strikes(bucket, subjectHash(subject)), ConditionExpression: 'attribute_exists(PK)' }),
    )
  } catch (error) {
    if (!isConditionFailure(error)) throw error
  }
}

export const dynamoRateLimits: RateLimits = { enforce: enforceRateLimit, takeDailyQuota, claimCooldown, releaseCooldown, readStrikes, addStrike, clearStrikes }
