import { RateLimited, type RateLimit, type RateLimits } from '../ports/rate-limits'
import { AppError } from './errors'

/** Counts one request against `limit`; a used-up allowance is a 429 naming `what` and the minutes to wait. */
export async function withinRateLimit(rateLimits: RateLimits, limit: RateLimit, client: string, now: Date, what = '查询'): Promise<void> {
  try {
    await rateLimits.enforce(limit, client, now)
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
    throw new AppError('RATE_LIMITED', `${what}过于频繁，请${minutes}分钟后再试`)
  }
}
