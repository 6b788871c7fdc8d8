/** A fixed-window allowance per client; routes that should share one allowance use the same bucket. */
export interface RateLimit {
  bucket: string
  limit: number
  windowSeconds: number
}

/**
 * The client used up its allowance: nothing was counted. Thrown rather than returned so that a
 * caller that forgot to word it fails loudly instead of letting the request through.
 */
export class RateLimited extends Error {
  override readonly name = 'RateLimited'

  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds} s`)
  }
}

/** Failures counted against a subject; `until` (epoch seconds) is when the count lapses. */
export interface Strikes {
  count: number
  until: number
}

export interface RateLimits {
  /** Counts one request of `client` in the current window; throws RateLimited once `limit` were counted. */
  enforce(limit: RateLimit, client: string, now: Date): Promise<void>
  /** Counts one use of a per-subject daily allowance (China days); false when it was used up. */
  takeDailyQuota(bucket: string, subject: string, limit: number, now: Date): Promise<boolean>
  /** Claims a cooldown: 0 when claimed, otherwise the seconds left. */
  claimCooldown(bucket: string, subject: string, seconds: number, now: Date): Promise<number>
  /** Gives back a cooldown claimed by a request that then sent nothing. */
  releaseCooldown(bucket: string, subject: string): Promise<void>
  readStrikes(bucket: string, subject: string, now: Date): Promise<Strikes>
  addStrike(bucket: string, subject: string, seconds: number, now: Date): Promise<Strikes>
  clearStrikes(bucket: string, subject: string): Promise<void>
}
