import { randomBytes } from 'node:crypto'
import { associationName } from '../../shared/associations'
import type { SessionResponse } from '../../shared/api/schemas'
import type { UserType } from '../../shared/roles'
import { passwordProblem } from '../../shared/password-policy'
import { ACCESS_TOKEN_SECONDS, issueAccessToken, issueRefreshToken, readRefreshToken, REFRESH_TOKEN_SECONDS, type Caller } from '../auth/tokens'
import { decoyPasswordHash, hashSecret, needsRehash, verifySecret } from '../auth/passwords'
import { accountIdOf, type Account, type AccountStore } from '../ports/accounts'
import type { CaptchaStore } from '../ports/captchas'
import { epochSeconds, type Clock } from '../ports/clock'
import type { RateLimits, Strikes } from '../ports/rate-limits'
import { consumeCaptcha } from './captcha'
import { AppError } from './errors'

export interface AuthDeps {
  accounts: AccountStore
  captchas: CaptchaStore
  rateLimits: RateLimits
  clock: Clock
}

export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15

const wrongCredentials = () => new AppError('INVALID_CREDENTIALS', `用户名或密码错误（连续输错${MAX_FAILED_LOGINS}次将锁定${LOCK_MINUTES}分钟）`)

const sessionEnded = () => new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')

/**
 * Wrong passwords count per name tried *and* source address, for names with and without an account
 * alike: whoever guesses locks that name only for themselves (the member elsewhere still logs in),
 * and the count, the lock and its answer say nothing about whether the account exists.
 */
const LOGIN_STRIKES = 'login'
const loginSubject = (userType: UserType, username: string, sourceIp: string) => `${userType}#${username}#${sourceIp}`

function lockedFor(strikes: Strikes, now: Date): AppError | undefined {
  if (strikes.count < MAX_FAILED_LOGINS) return undefined
  const minutes = Math.max(1, Math.ceil((strikes.until - epochSeconds(now)) / 60))
  return new AppError('ACCOUNT_LOCKED', `密码连续输错${MAX_FAILED_LOGINS}次，账号已锁定，请${minutes}分钟后再试`)
}

/** Ends the lockout of `username` at `sourceIp`: who proved to be the member there may log in again. */
export const clearLoginFailures = (rateLimits: RateLimits, userType: UserType, username: string, sourceIp: string) =>
  rateLimits.clearStrikes(LOGIN_STRIKES, loginSubject(userType, username, sourceIp))

/** Opens a session (one device's login): a fresh refresh family at generation 0, and its tokens. */
export async function openSession(deps: Pick<AuthDeps, 'accounts' | 'clock'>, account: Account): Promise<SessionResponse> {
  const sessionId = randomBytes(16).toString('base64url')
  await deps.accounts.startSession(account.accountId, sessionId, epochSeconds(deps.clock.now()) + REFRESH_TOKEN_SECONDS)
  return tokensFor(account, sessionId, 0)
}

function tokensFor(account: Account, sessionId: string, generation: number): SessionResponse {
  const caller: Caller = {
    accountId: account.accountId,
    username: account.username,
    displayName: account.displayName,
    userType: account.userType,
    role: account.role,
    associationCode: account.associationCode,
    mustChangePassword: account.mustChangePassword,
    tokenVersion: account.tokenVersion,
  }
  return {
    accessToken: issueAccessToken(caller),
    refreshToken: issueRefreshToken({ accountId: account.accountId, tokenVersion: account.tokenVersion, sessionId, generation }),
    expiresIn: ACCESS_TOKEN_SECONDS,
    user: {
      role: account.role,
      userType: account.userType,
      username: account.username,
      displayName: account.displayName,
      association: { code: account.associationCode, name: associationName(account.associationCode) },
      mustChangePassword: account.mustChangePassword,
    },
  }
}

export interface LoginInput {
  userType: UserType
  username: string
  password: string
  captchaId: string
  captchaCode: string
}

/**
 * A locked name is answered before any password work, the same for every name; otherwise a real
 * account and an unknown name both cost one password hash and one counted failure, so neither the answer
 * nor its timing tells them apart.
 */
export async function login(deps: AuthDeps, input: LoginInput, sourceIp: string): Promise<SessionResponse> {
  const { accounts, rateLimits } = deps
  const now = deps.clock.now()
  if (!(await consumeCaptcha(deps, input.captchaId, input.captchaCode))) {
    throw new AppError('CAPTCHA_INVALID', '验证码错误或已过期，请点击图片刷新后重新输入', {
      captchaCode: '验证码错误或已过期',
    })
  }
  const subject = loginSubject(input.userType, input.username, sourceIp)
  const [strikes, account] = await Promise.all([rateLimits.readStrikes(LOGIN_STRIKES, subject, now), accounts.get(accountIdOf(input.userType, input.username))])
  const locked = lockedFor(strikes, now)
  if (locked) throw locked

  if (!(await verifySecret(input.password, account?.passwordHash ?? (await decoyPasswordHash()))) || !account) {
    throw lockedFor(await rateLimits.addStrike(LOGIN_STRIKES, subject, LOCK_MINUTES * 60, now), now) ?? wrongCredentials()
  }
  if (strikes.count) await rateLimits.clearStrikes(LOGIN_STRIKES, subject)
  // The password is at hand only now: a hash from older costs (scrypt) becomes today's. Losing the
  // race to a password change leaves that change in place.
  if (needsRehash(account.passwordHash)) await accounts.upgradePasswordHash(account, await hashSecret(input.password))
  return openSession(deps, account)
}

/**
 * Each refresh token refreshes once: the session moves to its next generation and the answer
 * carries the token for it. A token presented again after that has leaked (or was copied), and
 * which holder is genuine cannot be told, so every session of the account ends — the thief's
 * access token included, since requests check the account's token version.
 */
export async function refresh(deps: Pick<AuthDeps, 'accounts' | 'clock'>, refreshToken: string): Promise<SessionResponse> {
  const { accounts } = deps
  const presented = readRefreshToken(refreshToken)
  const account = await accounts.get(presented.accountId)
  if (!account || account.tokenVersion !== presented.tokenVersion) throw sessionEnded()
  const outcome = await accounts.rotateSession(
    account.accountId,
    presented.sessionId,
    presented.generation,
    epochSeconds(deps.clock.now()) + REFRESH_TOKEN_SECONDS,
  )
  if (outcome === 'reused') await accounts.revokeSessions(account)
  if (outcome !== 'rotated') throw sessionEnded()
  return tokensFor(account, presented.sessionId, presented.generation + 1)
}

export async function logout(deps: Pick<AuthDeps, 'accounts'>, caller: Caller): Promise<{ ok: true }> {
  const account = await deps.accounts.get(caller.accountId)
  if (account) await deps.accounts.revokeSessions(account)
  return { ok: true }
}

/** Changing the password ends every other session: the answer carries fresh tokens for this one. */
export async function changePassword(
  deps: Pick<AuthDeps, 'accounts' | 'clock'>,
  caller: Caller,
  input: { oldPassword: string; newPassword: string },
): Promise<SessionResponse> {
  const { accounts } = deps
  const account = await accounts.get(caller.accountId)
  if (!account) throw sessionEnded()
  const problem = passwordProblem(input.newPassword, account.username)
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { newPassword: problem })
  if (!(await verifySecret(input.oldPassword, account.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', '原密码不正确', { oldPassword: '原密码不正确' })
  }
  const updated = await accounts.replacePassword(account, await hashSecret(input.newPassword))
  return openSession(deps, updated)
}
