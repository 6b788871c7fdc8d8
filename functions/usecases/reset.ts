import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import {
  CODE_LENGTH,
  CODE_MAX_ATTEMPTS,
  CODE_RESEND_SECONDS,
  CODE_TTL_SECONDS,
  CODES_PER_DAY,
  IDENTITY_MAX_ATTEMPTS,
  proofTypesFor,
  RESET_SESSION_SECONDS,
  type BindingOutcome,
  type ProofType,
  type ResetStartResponse,
} from '../../shared/api/reset-schemas'
import type { SessionResponse } from '../../shared/api/schemas'
import { maskPhone } from '../../shared/mask'
import { passwordProblem } from '../../shared/password-policy'
import { hashSecret, verifySecret } from '../auth/passwords'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import { accountIdOf, type AccountStore, type MemberRecord } from '../ports/accounts'
import { epochSeconds, type Clock } from '../ports/clock'
import type { Messaging } from '../ports/messaging'
import type { OperationsLog } from '../ports/operations-log'
import type { RateLimit, RateLimits } from '../ports/rate-limits'
import type { SubscriptionCredits } from '../ports/subscriptions'
import type { AuditLog, ResetSession, ResetStore, WechatBindings } from '../ports/reset'
import type { WebAuthorization } from '../ports/wechat-oauth'
import { clearLoginFailures, openSession } from './auth'
import { newAuthorizationState, redeemAuthorizationState } from './authorization-state'
import { AppError } from './errors'
import { withinRateLimit } from './rate-limits'
import { sendToAccount } from './subscriptions'

export interface ResetDeps {
  accounts: AccountStore
  resets: ResetStore
  bindings: WechatBindings
  /** Send credits of the 验证码 subscription message (one per acceptance in the member's WeChat). */
  credits: SubscriptionCredits
  officialAccountBindings: WechatBindings
  webAuthorization: WebAuthorization
  /** What the follow QR code holds (the official account's own QR URL). */
  officialAccountFollowUrl: () => string
  audit: AuditLog
  messaging: Messaging
  log: OperationsLog
  rateLimits: RateLimits
  clock: Clock
}

export interface RequestContext {
  requestId: string
  sourceIp: string
}

type ResetUserType = 'non_practising' | 'cpa'

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')
const codeHash = (salt: string, code: string) => sha256(`${salt}:${code}`)

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a))
  const right = Buffer.from(sha256(b))
  return timingSafeEqual(left, right)
}

const expired = () => new AppError('VALIDATION_FAILED', '找回密码已超时，请重新开始', { resetId: '找回密码已超时，请重新开始' })

async function loadSession(deps: Pick<ResetDeps, 'resets'>, resetId: string, now: Date): Promise<ResetSession> {
  const session = await deps.resets.get(sha256(resetId))
  if (!session || session.expiresAt <= epochSeconds(now) || session.completedAt) throw expired()
  return session
}

/**
 * The member behind a reset session, read the same way whether or not it exists: the reads and
 * writes of both paths are the same, so neither content nor work tells them apart.
 */
async function lookUp(deps: ResetDeps, userType: string, memberNo: string) {
  const accountId = accountIdOf(userType as ResetUserType, memberNo)
  const [account, member, binding] = await Promise.all([deps.accounts.get(accountId), deps.accounts.getMember(memberNo), deps.bindings.byAccount(accountId)])
  return account?.role === 'member' && member?.userType === userType ? { account, member, binding } : null
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
]

/**
 * What the first step shows for a member number that has no account (or no phone on file): a
 * masked phone and a bound/unbound state derived from a keyed hash of the number. Deterministic,
 * so asking twice gives the same answer, and shaped like the real thing, so the screen cannot be
 * used to find out which member numbers exist. The seed's screen shows the masked phone (e.g.
 * 138****8628); a real member recognises their own, a stranger learns nothing from either. Sending
 * to a stand-in delivers nothing, and the answer is the same as for a real send.
 */
export function standInFacts(userType: string, memberNo: string): { phoneMasked: string; wechatBound: boolean; wechatAccepted: boolean } {
  const digest = createHmac('sha256', `reset-stand-in:${config.jwtSecret}`).update(`${userType}#${memberNo}`).digest()
  const prefix = MOBILE_PREFIXES[digest[0]! % MOBILE_PREFIXES.length]!
  const tail = String(digest.readUInt32BE(1) % 10_000).padStart(4, '0')
  // About the share of members who bind WeChat, so a "bound" screen says nothing either.
  // Whether the stand-in "accepted" the code template: a bound stand-in refuses WeChat as often as a real member might.
  return { phoneMasked: maskPhone(`${prefix}0000${tail}`), wechatBound: digest[5]! % 3 === 0, wechatAccepted: digest[6]! % 2 === 0 }
}

/** Each start stores a session: bounds what one source can make the table hold (and how fast it can probe). */
const RESET_START_LIMIT: RateLimit = { bucket: 'reset-start', limit: 20, windowSeconds: 10 * 60 }

export async function startReset(
  deps: ResetDeps,
  input: { userType: ResetUserType; memberNo: string },
  sourceIp: string,
  now = deps.clock.now(),
): Promise<ResetStartResponse> {
  await withinRateLimit(deps.rateLimits, RESET_START_LIMIT, sourceIp, now, '找回密码请求')
  const found = await lookUp(deps, input.userType, input.memberNo)
  const standIn = standInFacts(input.userType, input.memberNo)
  const resetId = randomBytes(32).toString('base64url')
  await deps.resets.create({
    resetIdHash: sha256(resetId),
    userType: input.userType,
    memberNo: input.memberNo,
    ...(found ? { accountId: found.account.accountId } : {}),
    salt: randomBytes(16).toString('base64url'),
    createdAt: now.toISOString(),
    expiresAt: epochSeconds(now) + RESET_SESSION_SECONDS,
    codeAttempts: 0,
    identityAttempts: 0,
  })
  return {
    resetId,
    phoneMasked: found?.member.phone ? maskPhone(found.member.phone) : standIn.phoneMasked,
    wechatBound: found ? Boolean(found.binding) : standIn.wechatBound,
    proofTypes: [...proofTypesFor(input.userType)],
    expiresInSeconds: RESET_SESSION_SECONDS,
  }
}

const digitsOnly = (phone: string) => phone.replace(/\D/g, '')

const wechatUndelivered = (why: string) => new AppError('CONFLICT', `微信消息未送达${why}，请改用短信验证`)

/**
 * A WeChat code can go out only to a bound WeChat that accepted the 验证码 template (one message per
 * acceptance). Refused before anything is claimed, so the member can switch to SMS at once; an
 * unknown number answers from its stand-in facts, like a member in that state.
 */
async function requireWechatReach(deps: ResetDeps, session: ResetSession, matched: Awaited<ReturnType<typeof lookUp>>) {
  const { wechatBound, wechatAccepted } = matched
    ? { wechatBound: Boolean(matched.binding), wechatAccepted: (await deps.credits.credits(matched.account.accountId, 'code')) > 0 }
    : standInFacts(session.userType, session.memberNo)
  if (!wechatBound) throw wechatUndelivered('：您尚未绑定微信')
  if (!wechatAccepted) throw wechatUndelivered('：您尚未允许接收验证码通知')
}

/**
 * Sends a CODE_LENGTH-digit code by SMS (to the typed phone, only when it is the one on file) or to the
 * bound WeChat. Throttles and the answer are the same whether anything was delivered or not; a
 * WeChat code that cannot arrive is answered with the advice to use SMS instead.
 */
export async function sendResetCode(
  deps: ResetDeps,
  input: { resetId: string; channel: 'sms' | 'wechat'; phone?: string },
  now = deps.clock.now(),
): Promise<{ resendAfterSeconds: number; expiresInSeconds: number }> {
  const session = await loadSession(deps, input.resetId, now)
  if (session.verifiedBy) throw new AppError('VALIDATION_FAILED', '身份已验证，请设置新密码')
  const accountKey = `${session.userType}#${session.memberNo}`
  const found = await lookUp(deps, session.userType, session.memberNo)
  const matchedAccount = found && found.account.accountId === session.accountId ? found : null
  if (input.channel === 'wechat') await requireWechatReach(deps, session, matchedAccount)

  const wait = await deps.rateLimits.claimCooldown('reset-code', accountKey, CODE_RESEND_SECONDS, now)
  if (wait > 0) throw new AppError('RATE_LIMITED', `验证码已发送，请${wait}秒后再重新获取`)
  const limitReached = () => new AppError('RATE_LIMITED', `今日获取验证码已达${CODES_PER_DAY}次上限，请明天再试或使用其他信息验证`)
  if (!(await deps.rateLimits.takeDailyQuota('reset-code-account', accountKey, CODES_PER_DAY, now))) throw limitReached()
  const phone = input.phone ? digitsOnly(input.phone) : undefined
  if (phone && !(await deps.rateLimits.takeDailyQuota('reset-code-phone', phone, CODES_PER_DAY, now))) throw limitReached()

  const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0')
  await deps.resets.storeCode(session, {
    hash: codeHash(session.salt, code),
    channel: input.channel,
    sentAt: now.toISOString(),
    expiresAt: epochSeconds(now) + CODE_TTL_SECONDS,
  })

  if (input.channel === 'wechat' && matchedAccount) {
    const wechat = { bindings: deps.bindings, credits: deps.credits, wechat: deps.messaging.wechat, log: deps.log }
    if ((await sendToAccount(wechat, matchedAccount.account.accountId, { template: 'code', code }, now.toISOString())) !== 'sent') {
      // Nothing arrived: the member may ask for an SMS code at once.
      await deps.rateLimits.releaseCooldown('reset-code', accountKey)
      throw wechatUndelivered('')
    }
  }
  try {
    if (input.channel === 'sms' && phone && matchedAccount?.member.phone && sameSecret(digitsOnly(matchedAccount.member.phone), phone)) {
      await deps.messaging.sms.sendCode(phone, code)
    }
  } catch (error) {
    // A provider failure must not answer differently from "nothing to send": the member retries after the cooldown.
    deps.log.businessEvent('delivery-failed', { purpose: 'reset-code', channel: input.channel, reason: (error as Error).message })
  }
  return { resendAfterSeconds: CODE_RESEND_SECONDS, expiresInSeconds: CODE_TTL_SECONDS }
}

const codeError = (message: string) => new AppError('VALIDATION_FAILED', message, { code: message })

export async function verifyResetCode(deps: ResetDeps, input: { resetId: string; code: string }, now = deps.clock.now()): Promise<{ verified: true }> {
  const session = await loadSession(deps, input.resetId, now)
  if (session.verifiedBy) throw new AppError('VALIDATION_FAILED', '身份已验证，请设置新密码')
  if (!session.codeHash || session.codeExpiresAt === undefined) throw codeError('验证码已失效，请重新获取')
  if (session.codeAttempts >= CODE_MAX_ATTEMPTS) throw codeError('验证码错误次数过多，请重新获取')
  if (session.codeExpiresAt <= epochSeconds(now)) throw codeError('验证码已过期，请重新获取')

  const matched = sameSecret(codeHash(session.salt, input.code), session.codeHash)
  const triesLeft = CODE_MAX_ATTEMPTS - session.codeAttempts - 1
  // Another check of this code was recorded after this one read it (it may have verified or burnt it): this one decides nothing.
  if (!(await deps.resets.recordCodeAttempt(session, { matched, burn: !matched && triesLeft <= 0 }))) {
    throw codeError('验证码已使用或已失效，请重新获取')
  }
  if (!matched) throw codeError(triesLeft > 0 ? `验证码错误，还可尝试${triesLeft}次` : '验证码错误次数过多，请重新获取')
  return { verified: true }
}

const normalised = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()

function proofOnFile(member: MemberRecord, proofType: ProofType): string | undefined {
  return member[proofType]
}

/** 其他信息验证: name + full ID number + one proof the member chooses. */
export async function verifyIdentity(
  deps: ResetDeps,
  input: { resetId: string; name: string; idNumber: string; proofType: ProofType; proofValue: string },
  now = deps.clock.now(),
): Promise<{ verified: true }> {
  const session = await loadSession(deps, input.resetId, now)
  if (session.verifiedBy) throw new AppError('VALIDATION_FAILED', '身份已验证，请设置新密码')
  if (!proofTypesFor(session.userType as ResetUserType).includes(input.proofType)) {
    throw new AppError('VALIDATION_FAILED', '请选择有效的辅助证明材料类型', { proofType: '请选择有效的辅助证明材料类型' })
  }
  if (session.identityAttempts >= IDENTITY_MAX_ATTEMPTS) throw new AppError('RATE_LIMITED', '验证次数过多，请重新开始找回密码')
  const accountKey = `${session.userType}#${session.memberNo}`
  if (!(await deps.rateLimits.takeDailyQuota('reset-identity', accountKey, IDENTITY_MAX_ATTEMPTS * 2, now))) {
    throw new AppError('RATE_LIMITED', '今日验证次数已达上限，请明天再试或联系所属注协')
  }

  const found = await lookUp(deps, session.userType, session.memberNo)
  const member = found && found.account.accountId === session.accountId ? found.member : null
  // Every field is compared (no early exit), each in constant time.
  const checks = [
    sameSecret(normalised(member?.name ?? ''), normalised(input.name)),
    sameSecret(normalised(member?.idNumber ?? ''), normalised(input.idNumber)),
    sameSecret(normalised((member && proofOnFile(member, input.proofType)) ?? ''), normalised(input.proofValue)),
  ]
  const matched = Boolean(member) && checks.every(Boolean)
  await deps.resets.recordIdentityAttempt(session, matched)
  if (!matched) {
    const left = IDENTITY_MAX_ATTEMPTS - session.identityAttempts - 1
    throw new AppError('VALIDATION_FAILED', left > 0 ? `填写的信息与登记信息不一致，还可尝试${left}次` : '验证次数过多，请重新开始找回密码')
  }
  return { verified: true }
}

/**
 * Inside WeChat's browser, after the member proved who they are: the official account's authorize
 * link, carrying a fresh state that only this reset accepts (its hash is kept on the session).
 */
type AuthorizationDeps = Pick<ResetDeps, 'resets' | 'webAuthorization' | 'clock'>

export async function authorizeOfficialAccount(
  deps: AuthorizationDeps,
  input: { resetId: string; redirectUri: string },
  now = deps.clock.now(),
): Promise<{ authorizeUrl: string }> {
  const session = await loadSession(deps, input.resetId, now)
  if (!session.verifiedBy || !session.accountId) throw new AppError('VALIDATION_FAILED', '请先完成身份验证')
  const { state, held } = newAuthorizationState(now)
  await deps.resets.issueOfficialAccountState(session, held)
  return { authorizeUrl: deps.webAuthorization.authorizeUrl(input.redirectUri, state) }
}

/** Back from WeChat: the official-account openid is kept on the session until the new password is set. */
export async function acceptOfficialAccount(
  deps: AuthorizationDeps,
  input: { resetId: string; code: string; state: string },
  now = deps.clock.now(),
): Promise<{ authorized: true }> {
  const session = await loadSession(deps, input.resetId, now)
  await redeemAuthorizationState(
    { hash: session.oaStateHash, expiresAt: session.oaStateExpiresAt },
    input,
    now,
    (code) => deps.webAuthorization.openidForCode(code),
    (stateHash, openid) => deps.resets.acceptOfficialAccount(session, { stateHash, openid, now: epochSeconds(now) }),
  )
  return { authorized: true }
}

const outcomeOf = (bound: 'bound' | 'unchanged' | 'taken'): BindingOutcome => (bound === 'unchanged' ? 'already_bound' : bound)

/**
 * 设置新密码: only on a verified, unused session. The session is used up first (conditional),
 * then the password replaced (which ends every session of the member), and the WeChat identities
 * of whoever reset it bound to the member (seed 003, 2.1.3: 重置成功后自动绑定公众号): the
 * mini-program's from a `wx.login` code, the official account's from the web authorization kept on
 * the session. The answer says what became of each, and carries the official account's QR code
 * while the member has no official-account binding.
 */
export async function completeReset(
  deps: ResetDeps,
  input: { resetId: string; newPassword: string; wechatCode?: string },
  context: RequestContext,
  now = deps.clock.now(),
): Promise<{ ok: true; username: string; wechat: BindingOutcome; officialAccount: BindingOutcome; followQr: string | null }> {
  const session = await loadSession(deps, input.resetId, now)
  if (!session.verifiedBy || !session.accountId) throw new AppError('VALIDATION_FAILED', '请先完成身份验证')
  const problem = passwordProblem(input.newPassword, session.memberNo)
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { newPassword: problem })
  const account = await deps.accounts.get(session.accountId)
  if (!account) throw expired()
  if (await verifySecret(input.newPassword, account.passwordHash)) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与原密码相同', { newPassword: '新密码不能与原密码相同' })
  }
  const openid = input.wechatCode ? await deps.messaging.identity.openidForCode(input.wechatCode) : null
  // Read before anything is written: a missing setting must not fail a reset that already happened.
  const followUrl = deps.officialAccountFollowUrl()
  const passwordHash = await hashSecret(input.newPassword)

  await deps.resets.complete(session, now.toISOString())
  const updated = await deps.accounts.replacePassword(account, passwordHash)
  // The member proved who they are: the login lockout at the address they reset from ends with it.
  await clearLoginFailures(deps.rateLimits, updated.userType, updated.username, context.sourceIp)
  const at = now.toISOString()
  await deps.audit.write(account.accountId, { action: 'password_reset', method: session.verifiedBy, at, ...context })

  const wechat = openid ? outcomeOf(await deps.bindings.bind(account.accountId, openid, at)) : 'none'
  if (wechat === 'bound') await deps.audit.write(account.accountId, { action: 'wechat_bound', at, ...context })
  const officialAccount = session.oaOpenid ? outcomeOf(await deps.officialAccountBindings.bind(account.accountId, session.oaOpenid, at)) : 'none'
  if (officialAccount === 'bound') await deps.audit.write(account.accountId, { action: 'wechat_bound', wechatApp: 'official_account', at, ...context })

  const hasOfficialAccount =
    officialAccount === 'bound' || officialAccount === 'already_bound' || Boolean(await deps.officialAccountBindings.byAccount(account.accountId))
  const followQr = hasOfficialAccount ? null : await (await import('qrcode')).default.toDataURL(followUrl, { errorCorrectionLevel: 'M', margin: 2, width: 360 })
  return { ok: true, username: account.username, wechat, officialAccount, followQr }
}

const unboundWechat = () => new AppError('INVALID_CREDENTIALS', '该微信尚未绑定会员账号，请用密码登录后在“我的”中绑定微信')

/** WeChat login: a bound member's `wx.login` code instead of a password. */
export async function wechatLogin(deps: ResetDeps, code: string): Promise<SessionResponse> {
  const openid = await deps.messaging.identity.openidForCode(code)
  if (!openid) throw new AppError('UNAUTHENTICATED', '微信登录失败，请重试')
  const binding = await deps.bindings.byOpenid(openid)
  if (!binding) throw unboundWechat()
  const account = await deps.accounts.get(binding.accountId)
  if (!account) throw unboundWechat()
  return openSession(deps, account)
}

export async function wechatBinding(deps: ResetDeps, caller: Caller): Promise<{ bound: boolean; boundAt: string | null }> {
  const binding = await deps.bindings.byAccount(caller.accountId)
  return { bound: Boolean(binding), boundAt: binding?.boundAt ?? null }
}

export async function bindWechat(deps: ResetDeps, caller: Caller, code: string, context: RequestContext, now = deps.clock.now()) {
  const openid = await deps.messaging.identity.openidForCode(code)
  if (!openid) throw new AppError('VALIDATION_FAILED', '微信授权失败，请重试', { code: '微信授权失败，请重试' })
  const outcome = await deps.bindings.bind(caller.accountId, openid, now.toISOString())
  if (outcome === 'taken') throw new AppError('CONFLICT', '该微信已绑定其他会员账号，请先在该账号中解除绑定')
  if (outcome === 'bound') await deps.audit.write(caller.accountId, { action: 'wechat_bound', at: now.toISOString(), ...context })
  return wechatBinding(deps, caller)
}

export async function unbindWechat(deps: ResetDeps, caller: Caller, context: RequestContext, now = deps.clock.now()) {
  const binding = await deps.bindings.byAccount(caller.accountId)
  if (binding) {
    await deps.bindings.unbind(caller.accountId)
    await deps.audit.write(caller.accountId, { action: 'wechat_unbound', at: now.toISOString(), ...context })
  }
  return { bound: false, boundAt: null }
}
