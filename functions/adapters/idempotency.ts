import { createHash } from 'node:crypto'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { config } from '../config'
import { AppError } from '../http/errors'
import { dynamo, epochSeconds, keys } from './dynamo'
import { clock } from './clock'

const KEPT_SECONDS = 24 * 60 * 60

/** The `idempotency-key` header a creating request must carry (the client makes one per form and keeps it across retries). */
export function requireIdempotencyKey(header: string | undefined): string {
  const key = header?.trim()
  if (!key || !/^[\w-]{8,100}$/.test(key)) throw new AppError('VALIDATION_FAILED', '请求缺少有效的 idempotency-key 请求头，请刷新页面后重试')
  return key
}

/** Tells a retry of the same request from a different request reusing the key. */
export function fingerprintOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url')
}

/**
 * A TransactWriteItems element that records the key with the result, in the same transaction as
 * the creation it belongs to: either both exist or neither. A second use of the key fails its
 * condition, and the caller answers with the stored result (`readIdempotent`).
 */
export function idempotencyPut(scope: string, key: string, fingerprint: string, result: Record<string, unknown>, now = clock.now()) {
  return {
    Put: {
      TableName: config.tableName,
      Item: { ...keys.idempotency(scope, key), entity: 'idempotency', fingerprint, result, expiresAt: epochSeconds(now) + KEPT_SECONDS },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }
}

export async function readIdempotent<T>(scope: string, key: string, fingerprint: string): Promise<T | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }))
  if (!Item) return undefined
  if (Item.fingerprint !== fingerprint) throw new AppError('CONFLICT', '该请求标识已用于另一份不同的提交，请刷新页面后重试')
  return Item.result as T
}
