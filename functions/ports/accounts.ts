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
  failedAttempts: number
  /** ISO time until which logins are refused after too many wrong passwords. */
  lockedUntil?: string
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
  /** Atomically counts a wrong password and returns the new count. */
  countFailedLogin(accountId: string): Promise<number>
  /** Locks the account until `until` and restarts the count. */
  lock(accountId: string, until: Date): Promise<void>
  /** Clears the failure count after a good password (no-op when already clear). */
  clearFailures(account: Account): Promise<void>
  /** Replaces the password hash; refuses (conflict) when the account changed since it was read. */
  replacePassword(account: Account, passwordHash: string): Promise<Account>
  /** Invalidates every refresh token issued so far. */
  revokeSessions(account: Account): Promise<void>
  getMember(memberNo: string): Promise<MemberRecord | undefined>
}
