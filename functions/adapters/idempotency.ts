import { GetCommand } from './dynamo-client'
import * as z from 'zod'
import { config } from '../config'
import { epochSeconds } from '../ports/clock'
import type { IdempotencyClaim, IdempotentRead } from '../ports/idempotency'
import { dynamo, keys, newItemPut, type TransactItem } from './dynamo'

const KEPT_SECONDS = 24 * 60 * 60

/**
 * A transaction element that records the key with the result, in the same transaction as the
 * creation it belongs to: either both exist or neither. A second use of the key fails its
 * condition, and the caller answers with the stored result (`readIdempotent`).
 */
export function idempotencyPut(scope: string, claim: IdempotencyClaim, result: Record<string, unknown>, now: Date): TransactItem {
  return newItemPut({
    ...keys.idempotency(scope, claim.key),
    entity: 'idempotency',
    fingerprint: claim.fingerprint,
    result,
    expiresAt: epochSeconds(now) + KEPT_SECONDS,
  })
}

/** What the key recorded, its result read with the creating store's own schema. */
export async function readIdempotent<T>(scope: string, claim: IdempotencyClaim, result: z.ZodType<T>): Promise<IdempotentRead<T>> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.idempotency(scope, claim.key), ConsistentRead: true }))
  if (!Item) return { found: 'none' }
  const record = z.object({ fingerprint: z.string(), result }).parse(Item)
  return record.fingerprint === claim.fingerprint ? { found: 'result', result: record.result } : { found: 'mismatch' }
}
