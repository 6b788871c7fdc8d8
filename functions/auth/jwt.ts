import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Compact JWTs (RFC 7519) signed with HMAC-SHA256, the one algorithm this system issues. Written on
 * node:crypto rather than jsonwebtoken: that library and its dependencies (semver ranges checked at
 * import, the other algorithms' key handling) cost every function ~18 ms of its cold start for the
 * two functions below. tests/unit/tokens.test.ts checks tokens signed by jsonwebtoken still verify.
 */

/** A genuine token that ran out: callers word this refusal differently from a forged one. */
export class ExpiredToken extends Error {}
/** Anything else wrong with a token: malformed, another algorithm, another key or issuer. */
class InvalidToken extends Error {}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

const mac = (secret: string, signingInput: string) => createHmac('sha256', secret).update(signingInput).digest()

/** `claims` plus `iat` (= now), `exp` (now + seconds), `sub` and `iss`, as jsonwebtoken's sign would write them. */
export function signJwt(claims: Record<string, unknown>, secret: string, options: { subject: string; issuer: string; seconds: number; now: number }): string {
  const payload = { ...claims, iat: options.now, exp: options.now + options.seconds, sub: options.subject, iss: options.issuer }
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`
  return `${signingInput}.${mac(secret, signingInput).toString('base64url')}`
}

const SEGMENT = /^[A-Za-z0-9_-]+$/

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidToken('not JSON')
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The payload of a token this system signed for `issuer`, still valid at `now` (epoch seconds). The
 * algorithm is pinned by the header check (no `none`, no key confusion); a token without `exp`
 * never expires and is therefore refused.
 */
export function verifyJwt(token: string, secret: string, options: { issuer: string; now: number }): Record<string, unknown> {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) throw new InvalidToken('malformed')
  const [header, payload, signature] = parts as [string, string, string]
  const expected = mac(secret, `${header}.${payload}`)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidToken('bad signature')
  const head = decodeJson(header)
  if (!isObject(head) || head.alg !== 'HS256') throw new InvalidToken('algorithm')
  const claims = decodeJson(payload)
  if (!isObject(claims) || claims.iss !== options.issuer) throw new InvalidToken('issuer')
  if (typeof claims.nbf !== 'undefined' && (typeof claims.nbf !== 'number' || claims.nbf > options.now)) throw new InvalidToken('not yet valid')
  if (typeof claims.exp !== 'number') throw new InvalidToken('no expiry')
  if (options.now >= claims.exp) throw new ExpiredToken('expired')
  return claims
}
