import type { UserType } from '../../shared/roles'

export type VerificationMethod = 'sms' | 'wechat' | 'identity'

/** One password-reset flow (item with TTL). Holds only a hash of the id the client was given. */
export interface ResetSession {
  resetIdHash: string
  userType: UserType
  memberNo: string
  /** Set only when the member number belongs to a member account (the client is never told). */
  accountId?: string
  /** Random per session: codes are stored as sha256(salt + code). */
  salt: string
  createdAt: string
  /** Epoch seconds; the item's TTL. */
  expiresAt: number
  verifiedBy?: VerificationMethod
  completedAt?: string
  codeHash?: string
  codeChannel?: 'sms' | 'wechat'
  codeSentAt?: string
  /** Epoch seconds. */
  codeExpiresAt?: number
  codeAttempts: number
  identityAttempts: number
  /** Hash of the web-authorization `state` handed out for this reset; removed when it comes back. */
  oaStateHash?: string
  /** Epoch seconds. */
  oaStateExpiresAt?: number
  /** The official-account openid of whoever is resetting, from web authorization: bound on completion. */
  oaOpenid?: string
}

export interface ResetStore {
  create(session: ResetSession): Promise<void>
  get(resetIdHash: string): Promise<ResetSession | undefined>
  /** Stores a fresh code (restarting its attempts); refused once the session is verified. */
  storeCode(session: ResetSession, code: { hash: string; channel: 'sms' | 'wechat'; sentAt: string; expiresAt: number }): Promise<void>
  /**
   * Records one code attempt, conditional on the attempts and code read: a right code verifies the
   * session and is burnt in the same write (single use); the last allowed wrong one burns it too.
   * False when another attempt on the same code was recorded since the session was read.
   */
  recordCodeAttempt(session: ResetSession, outcome: { matched: boolean; burn: boolean }): Promise<boolean>
  recordIdentityAttempt(session: ResetSession, matched: boolean): Promise<void>
  /** Hands out a web-authorization state for a verified, unused session (replacing an earlier one). */
  issueOfficialAccountState(session: ResetSession, state: { hash: string; expiresAt: number }): Promise<void>
  /**
   * Uses up the state (conditional on its hash, before it expires at `now`, epoch seconds) and keeps
   * the openid on the session. False when the state was not that one, expired or used meanwhile.
   */
  acceptOfficialAccount(session: ResetSession, outcome: { stateHash: string; openid: string; now: number }): Promise<boolean>
  /** Marks a verified session used; fails (conflict) when it was used meanwhile. */
  complete(session: ResetSession, at: string): Promise<void>
}

export interface WechatBinding {
  accountId: string
  openid: string
  boundAt: string
}

export interface WechatBindings {
  byOpenid(openid: string): Promise<WechatBinding | undefined>
  byAccount(accountId: string): Promise<WechatBinding | undefined>
  /**
   * Binds `openid` to the account, replacing the account's earlier WeChat. 'unchanged' when it was
   * bound already; 'taken' when the openid belongs to another account (it is left there).
   */
  bind(accountId: string, openid: string, at: string): Promise<'bound' | 'unchanged' | 'taken'>
  unbind(accountId: string): Promise<void>
}

export interface AuditEntry {
  action: 'password_reset' | 'wechat_bound' | 'wechat_unbound'
  method?: VerificationMethod
  /** Which WeChat identity a binding entry is about; absent means the mini-program's. */
  wechatApp?: 'official_account'
  at: string
  requestId: string
  sourceIp: string
}

export interface AuditLog {
  write(accountId: string, entry: AuditEntry): Promise<void>
}
