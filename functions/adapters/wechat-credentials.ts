import { deferred } from '../../shared/deferred'
import { randomUUID } from 'node:crypto'
import { GetCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { config } from '../config'
import { dynamo, isConditionFailure, keys } from './dynamo'

/**
 * WeChat's access_token and jsapi_ticket, shared by every Lambda container through one table item
 * each (WeChat's "中控服务器": each new `cgi-bin/token` answer invalidates the previous token after
 * five minutes, and the daily quota is small, so containers must not each fetch their own).
 *
 * A container keeps the value in memory until five minutes before it expires. Past that (or when
 * WeChat refused it), it reads the item with a strongly consistent read; if the item is missing or
 * due, one container takes a short lease with a conditional write, fetches, and stores the new value;
 * the others keep using the old value while it still works, or poll the item until the new one is
 * there. A lease whose holder died runs out and the next container takes over.
 *
 * The item holds the value as WeChat handed it out (it is needed as is); it is never logged.
 */

/** Whatever WeChat hands out for a limited time (access_token, jsapi_ticket), with its lifetime in seconds. */
interface Expiring {
  value: string
  expiresIn?: number
}

export interface Credential {
  /** The current value; `rejected` is one WeChat has just refused, so it is renewed unless another container already did. */
  get(rejected?: string): Promise<string>
}

type CredentialKind = 'access_token' | 'jsapi_ticket'

export interface CredentialTiming {
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/** WeChat's documented default lifetime of both the token and the ticket. */
const DEFAULT_EXPIRES_IN_SECONDS = 7200
/** The overlap during which WeChat still accepts the old value after a new one: refresh that early, so no caller ever holds an expired one. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000
/**
 * Longer than a refresh usually takes, yet well within the functions' 10 s timeout (serverless.yml),
 * so a container waiting on a holder that died can still take over and fetch. A refresh slower than
 * this costs one more fetch by another container, never a wrong value: the late holder cannot save.
 */
const LEASE_MS = 6_000
const POLL_MS = 250

const storedCredential = deferred(() =>
  z.object({
    value: z.string().optional(),
    validUntil: z.number().optional(),
    generation: z.number().optional(),
    leaseHolder: z.string().optional(),
    leaseUntil: z.number().optional(),
  }),
)
type Stored = z.infer<typeof storedCredential>

const ttlOf = (ms: number) => Math.ceil(ms / 1000)

function credentialItem(kind: CredentialKind, appId: () => string, holder: string) {
  const key = () => keys.wechatCredential(kind, appId())
  return {
    async read(): Promise<Stored | undefined> {
      const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: key(), ConsistentRead: true }))
      return Item ? storedCredential.parse(Item) : undefined
    },

    /** Only while nobody else holds a live lease, and only over the generation this container read (else someone refreshed meanwhile). */
    async lease(seen: Stored | undefined, at: number): Promise<boolean> {
      const until = at + LEASE_MS
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: config.tableName,
            Key: key(),
            UpdateExpression: 'SET leaseHolder = :holder, leaseUntil = :until, expiresAt = :ttl',
            ConditionExpression: `${seen?.generation === undefined ? 'attribute_not_exists(generation)' : 'generation = :generation'} AND (attribute_not_exists(leaseUntil) OR leaseUntil < :at)`,
            ExpressionAttributeValues: {
              ':holder': holder,
              ':until': until,
              ':ttl': ttlOf(Math.max(until, seen?.validUntil ?? 0)),
              ':at': at,
              ...(seen?.generation === undefined ? {} : { ':generation': seen.generation }),
            },
          }),
        )
        return true
      } catch (error) {
        if (isConditionFailure(error)) return false
        throw error
      }
    },

    /** False when the lease ran out and another container took it: its value will be the stored one. */
    async save(fresh: { value: string; validUntil: number }, generation: number): Promise<boolean> {
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: config.tableName,
            Key: key(),
            UpdateExpression: 'SET #value = :value, validUntil = :validUntil, generation = :generation, expiresAt = :ttl REMOVE leaseHolder, leaseUntil',
            ConditionExpression: 'leaseHolder = :holder',
            ExpressionAttributeNames: { '#value': 'value' },
            ExpressionAttributeValues: {
              ':value': fresh.value,
              ':validUntil': fresh.validUntil,
              ':generation': generation,
              ':ttl': ttlOf(fresh.validUntil),
              ':holder': holder,
            },
          }),
        )
        return true
      } catch (error) {
        if (isConditionFailure(error)) return false
        throw error
      }
    },

    /** After a failed fetch, so the next container may try at once rather than after the lease. */
    async release() {
      try {
        await dynamo().send(
          new UpdateCommand({
            TableName: config.tableName,
            Key: key(),
            UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
            ConditionExpression: 'leaseHolder = :holder',
            ExpressionAttributeValues: { ':holder': holder },
          }),
        )
      } catch (error) {
        if (!isConditionFailure(error)) throw error
      }
    },
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * One credential of one app, shared through the table. Each call makes a separate "container"
 * (its own memory and lease holder id); a Lambda container makes one per credential and keeps it.
 */
export function sharedCredential(kind: CredentialKind, appId: () => string, fetchFresh: () => Promise<Expiring>, timing: CredentialTiming = {}): Credential {
  const { now = Date.now, sleep = realSleep } = timing
  const item = credentialItem(kind, appId, randomUUID())
  let held: { value: string; refreshAt: number } | null = null
  let pending: Promise<string> | null = null

  const keep = (value: string, validUntil: number) => {
    held = { value, refreshAt: validUntil - REFRESH_MARGIN_MS }
    return value
  }

  async function refresh(seen: Stored | undefined, at: number): Promise<string> {
    let fresh: Expiring
    try {
      fresh = await fetchFresh()
    } catch (error) {
      await item.release()
      throw error
    }
    // Counted from before the fetch: WeChat's clock started no earlier than that.
    const validUntil = at + (fresh.expiresIn ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000
    if (await item.save({ value: fresh.value, validUntil }, (seen?.generation ?? 0) + 1)) return keep(fresh.value, validUntil)
    // Lost the lease to a container that presumed this one dead: its value replaces this one soon, so keep none.
    return fresh.value
  }

  async function fromStore(rejected: string | undefined): Promise<string> {
    const deadline = now() + LEASE_MS + POLL_MS
    for (;;) {
      const at = now()
      const seen = await item.read()
      const works =
        seen?.value !== undefined && seen.validUntil !== undefined && seen.value !== rejected && seen.validUntil > at
          ? { value: seen.value, validUntil: seen.validUntil }
          : null
      if (works && works.validUntil - REFRESH_MARGIN_MS > at) return keep(works.value, works.validUntil)
      const leaseFree = seen?.leaseUntil === undefined || seen.leaseUntil < at
      if (leaseFree && (await item.lease(seen, at))) return refresh(seen, at)
      // Another container is renewing it; WeChat still accepts the old one during the overlap.
      if (works) return works.value
      if (at >= deadline) throw new Error(`WeChat ${kind}: the container renewing it has not finished`)
      if (!leaseFree) await sleep(POLL_MS)
    }
  }

  async function get(rejected?: string): Promise<string> {
    if (held && held.value !== rejected && held.refreshAt > now()) return held.value
    if (held?.value === rejected) held = null
    pending ??= fromStore(rejected).finally(() => {
      pending = null
    })
    const value = await pending
    // A read that was already under way when WeChat refused the value can bring that same value back.
    return value === rejected ? get(rejected) : value
  }
  return { get }
}
