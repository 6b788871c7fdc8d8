import { beforeEach, describe, expect, it, vi } from 'vitest'
import { authenticate, issueAccessToken, issueRefreshToken, readRefreshToken, type Caller } from '../../functions/auth/tokens'
import { hashSecret, randomInitialPassword, verifySecret } from '../../functions/auth/passwords'

const caller: Caller = { accountId: 'non_practising#1', username: '1', userType: 'non_practising', role: 'member', associationCode: 'ZJ', mustChangePassword: true }

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
    const refresh = issueRefreshToken(caller.accountId, 3)
    expect(readRefreshToken(refresh)).toEqual({ accountId: caller.accountId, tokenVersion: 3 })
    expect(() => authenticate(`Bearer ${refresh}`)).toThrow()
    expect(() => readRefreshToken(issueAccessToken(caller))).toThrow()
  })
})

describe('passwords', () => {
  it('stores scrypt hashes with their parameters and verifies only the right secret', async () => {
    const hash = await hashSecret('NewPass2026')
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect(hash).not.toContain('NewPass2026')
    expect(await verifySecret('NewPass2026', hash)).toBe(true)
    expect(await verifySecret('NewPass2027', hash)).toBe(false)
  })

  it('makes random initial passwords that meet the policy', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => randomInitialPassword()))
    expect(passwords.size).toBe(50)
    for (const password of passwords) expect(password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10}$/)
  })
})
