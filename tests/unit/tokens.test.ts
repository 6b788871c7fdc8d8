import { randomBytes, scryptSync } from 'node:crypto'
import jwt from 'jsonwebtoken'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticate, issueAccessToken, issueRefreshToken, readRefreshToken, type Caller } from '../../functions/auth/tokens'
import { statusOf } from '../../functions/http/errors'
import { AppError } from '../../functions/usecases/errors'
import { hashSecret, needsRehash, randomInitialPassword, verifySecret } from '../../functions/auth/passwords'

const caller: Caller = {
  accountId: 'non_practising#1',
  username: '1',
  displayName: '张三',
  userType: 'non_practising',
  role: 'member',
  associationCode: 'ZJ',
  mustChangePassword: true,
  tokenVersion: 4,
}
const refreshOf = { accountId: caller.accountId, tokenVersion: 3, sessionId: 'a'.repeat(22), generation: 2 }

/** Signs claims with the right key as the issuer would, to see what a forged payload gets. */
const signed = (claims: Record<string, unknown>, options: jwt.SignOptions = { expiresIn: 900 }) =>
  jwt.sign(claims, process.env.JWT_SECRET!, { algorithm: 'HS256', issuer: 'cicpa-member-services', ...options })
const accessClaims = { sub: caller.accountId, typ: 'access', usr: '1', nm: '张三', ut: 'non_practising', role: 'member', assoc: 'ZJ', pwc: false, tv: 0 }

/** The refusal a caller gets: 401 with the Chinese message, never a crash (500). */
function refusal(work: () => unknown): AppError & { status: number } {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return Object.assign(error as AppError, { status: statusOf((error as AppError).code) })
  }
  throw new Error('accepted')
}

beforeEach(() => {
  process.env.JWT_SECRET = 'unit-test-secret-unit-test-secret-123456'
})

describe('tokens', () => {
  it('round-trips the caller, including the forced password change', () => {
    expect(authenticate(`Bearer ${issueAccessToken(caller)}`)).toEqual(caller)
  })

  it('refuses a token signed with another key', () => {
    const token = issueAccessToken(caller)
    process.env.JWT_SECRET = 'another-secret-another-secret-another-1'
    expect(() => authenticate(`Bearer ${token}`)).toThrow('登录状态无效')
  })

  it('refuses an expired access token with its own message', () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') })
    const token = issueAccessToken(caller)
    vi.setSystemTime(new Date('2026-01-01T00:16:00Z'))
    expect(() => authenticate(`Bearer ${token}`)).toThrow('登录已过期')
    vi.useRealTimers()
  })

  it('keeps refresh and access tokens apart', () => {
    const refresh = issueRefreshToken(refreshOf)
    expect(readRefreshToken(refresh)).toEqual(refreshOf)
    expect(() => authenticate(`Bearer ${refresh}`)).toThrow()
    expect(() => readRefreshToken(issueAccessToken(caller))).toThrow()
  })

  it('accepts the claims it issues, signed by hand', () => {
    expect(authenticate(`Bearer ${signed(accessClaims)}`)).toMatchObject({ accountId: caller.accountId, role: 'member', displayName: '张三', tokenVersion: 0 })
  })

  it('names the user by login name in an access token issued before names were carried', () => {
    const { nm: _name, ...before } = accessClaims
    expect(authenticate(`Bearer ${signed(before)}`)).toMatchObject({ username: '1', displayName: '1' })
  })

  it('refuses a token without an expiry, even signed with the right key', () => {
    expect(refusal(() => authenticate(`Bearer ${signed(accessClaims, {})}`)).status).toBe(401)
    const { sub, ...refreshClaims } = { sub: caller.accountId, typ: 'refresh', tv: 0, sid: 'a'.repeat(22), gen: 0 }
    expect(readRefreshToken(signed({ sub, ...refreshClaims }))).toMatchObject({ tokenVersion: 0 })
    expect(refusal(() => readRefreshToken(signed({ sub, ...refreshClaims }, {}))).status).toBe(401)
  })

  it('issues tokens jsonwebtoken reads as HS256 with the same claims', () => {
    const token = issueAccessToken(caller)
    expect(jwt.decode(token, { complete: true })?.header).toEqual({ alg: 'HS256', typ: 'JWT' })
    const claims = jwt.verify(token, process.env.JWT_SECRET!, { algorithms: ['HS256'], issuer: 'cicpa-member-services' }) as jwt.JwtPayload
    expect(claims).toMatchObject({ sub: caller.accountId, typ: 'access', usr: '1', nm: '张三', tv: 4 })
    expect(claims.exp! - claims.iat!).toBe(15 * 60)
  })

  it('refuses another algorithm, an unsigned token and a changed payload', () => {
    const secret = process.env.JWT_SECRET!
    const otherAlgorithm = jwt.sign(accessClaims, secret, { algorithm: 'HS512', issuer: 'cicpa-member-services', expiresIn: 900 })
    const [, payload, signature] = signed(accessClaims).split('.')
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`
    const promoted = Buffer.from(JSON.stringify({ ...(jwt.decode(signed(accessClaims)) as object), role: 'cicpa_staff' })).toString('base64url')
    const changed = `${signed(accessClaims).split('.')[0]}.${promoted}.${signature}`
    for (const token of [otherAlgorithm, unsigned, changed, 'not.a.token', '']) {
      expect(refusal(() => authenticate(`Bearer ${token}`)).status).toBe(401)
    }
  })

  it('refuses a token whose not-before time has not come', () => {
    expect(refusal(() => authenticate(`Bearer ${signed(accessClaims, { expiresIn: 900, notBefore: 60 })}`)).status).toBe(401)
  })

  it.each([
    ['no subject', { sub: undefined }],
    ['a numeric subject', { sub: 7 }],
    ['an unknown role', { role: 'admin' }],
    ['an unknown user type', { ut: 'root' }],
    ['a numeric username', { usr: 1 }],
    ['an object for the association', { assoc: { code: 'ZJ' } }],
    ['no token version', { tv: undefined }],
    ['a text token version', { tv: '0' }],
    ['a text password-change flag', { pwc: 'false' }],
  ])('refuses an access token with %s as 401', (_what, change) => {
    const error = refusal(() => authenticate(`Bearer ${signed({ ...accessClaims, ...change })}`))
    expect(error.status).toBe(401)
    expect(error.message).toBe('登录状态无效，请重新登录')
  })

  it('refuses malformed refresh claims as 401', () => {
    const base = { sub: caller.accountId, typ: 'refresh', tv: 0, sid: 'a'.repeat(22), gen: 0 }
    for (const change of [{ sid: undefined }, { gen: -1 }, { gen: 1.5 }, { tv: null }, { sub: '' }]) {
      expect(refusal(() => readRefreshToken(signed({ ...base, ...change }))).status).toBe(401)
    }
  })
})

describe('passwords', () => {
  it('stores scrypt hashes with their parameters and verifies only the right secret', async () => {
    // The deployed cost, not the suite's lowered one (vitest.config.ts).
    vi.stubEnv('TEST_SCRYPT_LOG2N', '')
    const hash = await hashSecret('NewPass2026')
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect(hash).not.toContain('NewPass2026')
    expect(await verifySecret('NewPass2026', hash)).toBe(true)
    expect(await verifySecret('NewPass2027', hash)).toBe(false)
    expect(needsRehash(hash)).toBe(false)
    vi.unstubAllEnvs()
    expect(needsRehash(hash)).toBe(true)
  })

  it('verifies hashes stored with other costs by their own parameters, and marks them for rehashing', async () => {
    const salt = randomBytes(16)
    const key = scryptSync('OldPass2025', salt, 32, { N: 2 ** 14, r: 8, p: 1 })
    const older = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
    expect(await verifySecret('OldPass2025', older)).toBe(true)
    expect(await verifySecret('OldPass2026', older)).toBe(false)
    expect(needsRehash(older)).toBe(true)
  })

  it('makes random initial passwords that meet the policy', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => randomInitialPassword()))
    expect(passwords.size).toBe(50)
    for (const password of passwords) expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10}$/)
  })
})
