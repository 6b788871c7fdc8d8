import type { Role, UserType } from '../../shared/roles'

export interface Account {
  accountId: string
  userType: UserType
  username: string
  role: Role
  associationCode: string
  displayName: string
  passwordHash: string
  mustChangePassword: boolean
  /** Bumped by logout, password change and reset: tokens carrying an older one are refused at once. */
  tokenVersion: number
  /** Optimistic-lock counter: every write states the version it read. */
  version: number
  memberNo?: string
}

export interface MemberRecord {
  memberNo: string
  userType: UserType
  name: string
  gender: '男' | '女'
  associationCode: string
  idType: string
  idNumber: string
  phone?: string
  email?: string
  workUnit?: string
  /** 全科合格证号 / 考核批准文号 */
  certificateNo?: string
  /** 档案存放单位 (practising CPAs) */
  archiveUnit?: string
  /**
   * What the admission form collected (seed 003's 年检信息查看 shows the first five); members
   * created before it was carried over have none of these.
   */
  ethnicity?: string
  /** YYYY-MM-DD */
  birthDate?: string
  politicalStatus?: string
  region?: string
  household?: string
  /** 学历 */
  education?: string
  /** 全科合格证取得日期, YYYY-MM-DD */
  certificateDate?: string
  /** The admission photo's S3 key. */
  photoKey?: string
  joinDate: string
  status: 'active' | 'suspended' | 'revoked'
}

export const accountIdOf = (userType: UserType, username: string) => `${userType}#${username}`

export interface AccountStore {
  get(accountId: string): Promise<Account | undefined>
  /** The account's current token version (a strongly consistent read); undefined when there is no account. */
  tokenVersion(accountId: string): Promise<number | undefined>
  /** Records a new login session at generation 0; `expiresAt` (epoch seconds) is its TTL. */
  startSession(accountId: string, sessionId: string, expiresAt: number): Promise<void>
  /**
   * Moves a session from `generation` to the next one (conditional, so one refresh token refreshes
   * once): 'reused' when the session has moved on already, 'unknown' when there is no such session.
   */
  rotateSession(accountId: string, sessionId: string, generation: number, expiresAt: number): Promise<'rotated' | 'reused' | 'unknown'>
  /** Replaces the password hash and ends every session; refuses (conflict) when the account changed since it was read. */
  replacePassword(account: Account, passwordHash: string): Promise<Account>
  /**
   * Stores the same password hashed at today's cost, only while the hash just verified is still the
   * stored one (false when a password change got there first); sessions and the version stay.
   */
  upgradePasswordHash(account: Account, passwordHash: string): Promise<boolean>
  /** Ends every session: access and refresh tokens issued so far stop working. */
  revokeSessions(account: Account): Promise<void>
  getMember(memberNo: string): Promise<MemberRecord | undefined>
}
