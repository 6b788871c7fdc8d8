import { associationName } from '../../shared/associations'
import type { SessionResponse } from '../../shared/api/schemas'
import type { UserType } from '../../shared/roles'
import { passwordProblem } from '../../shared/password-policy'
import { ACCESS_TOKEN_SECONDS, issueAccessToken, issueRefreshToken, readRefreshToken, type Caller } from '../auth/tokens'
import { decoyPasswordHash, hashSecret, verifySecret } from '../auth/passwords'
import { AppError } from '../http/errors'
import { accountIdOf, type Account, type AccountStore } from '../ports/accounts'
import { consumeCaptcha } from './captcha'
import { clock } from '../adapters/clock'

export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15

const wrongCredentials = () =>
  new AppError('INVALID_CREDENTIALS', `用户名或密码错误（连续输错${MAX_FAILED_LOGINS}次将锁定${LOCK_MINUTES}分钟）`)

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return new AppError('ACCOUNT_LOCKED', `密码连续输错${MAX_FAILED_LOGINS}次，账号已锁定，请${minutes}分钟后再试`)
}

export function session(account: Account): SessionResponse {
  const caller: Caller = {
    accountId: account.accountId,
    username: account.username,
    userType: account.userType,
    role: account.role,
    associationCode: account.associationCode,
    mustChangePassword: account.mustChangePassword,
  }
  return {
    accessToken: issueAccessToken(caller),
    refreshToken: issueRefreshToken(account.accountId, account.tokenVersion),
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

export async function login(accounts: AccountStore, input: LoginInput, now = clock.now()): Promise<SessionResponse> {
  if (!(await consumeCaptcha(input.captchaId, input.captchaCode))) {
    throw new AppError('CAPTCHA_INVALID', '验证码错误或已过期，请点击图片刷新后重新输入', {
      captchaCode: '验证码错误或已过期',
    })
  }
  const account = await accounts.get(accountIdOf(input.userType, input.username))
  if (!account) {
    // Spend the same scrypt time as a real check so response timing does not reveal which accounts exist.
    await verifySecret(input.password, await decoyPasswordHash())
    throw wrongCredentials()
  }
  if (account.lockedUntil && new Date(account.lockedUntil) > now) throw lockedError(new Date(account.lockedUntil), now)

  if (!(await verifySecret(input.password, account.passwordHash))) {
    const failures = await accounts.countFailedLogin(account.accountId)
    if (failures >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000)
      await accounts.lock(account.accountId, until)
      throw lockedError(until, now)
    }
    throw wrongCredentials()
  }
  await accounts.clearFailures(account)
  return session(account)
}

export async function refresh(accounts: AccountStore, refreshToken: string): Promise<SessionResponse> {
  const { accountId, tokenVersion } = readRefreshToken(refreshToken)
  const account = await accounts.get(accountId)
  if (!account || account.tokenVersion !== tokenVersion) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
  return session(account)
}

export async function logout(accounts: AccountStore, caller: Caller): Promise<{ ok: true }> {
  const account = await accounts.get(caller.accountId)
  if (account) await accounts.revokeSessions(account)
  return { ok: true }
}

/** Changing the password ends every other session: the answer carries fresh tokens for this one. */
export async function changePassword(
  accounts: AccountStore,
  caller: Caller,
  input: { oldPassword: string; newPassword: string },
): Promise<SessionResponse> {
  const account = await accounts.get(caller.accountId)
  if (!account) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
  const problem = passwordProblem(input.newPassword, account.username)
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { newPassword: problem })
  if (!(await verifySecret(input.oldPassword, account.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', '原密码不正确', { oldPassword: '原密码不正确' })
  }
  const updated = await accounts.replacePassword(account, await hashSecret(input.newPassword))
  return session(updated)
}
