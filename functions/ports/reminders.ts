import type { MemberMessage } from '../../shared/api/inspection-schemas'
import type { ApprovalKind } from '../../shared/approvals'
import type { ReminderReason, ReminderStanding } from '../../shared/reminders'
import type { UserType } from '../../shared/roles'

/** One member of an association as the reminder job reads them: who, and where they stand for the 年检年度. */
export interface ReminderMember extends ReminderStanding {
  memberNo: string
  userType: UserType
}

/**
 * Where the daily job reads members from: the association's members joined with its items of the
 * 年检年度 (inspections, fees, hours summaries), all by index Queries in 会员编号 order, never a Scan.
 */
export interface ReminderSources {
  members(associationCode: string, year: number): AsyncIterable<ReminderMember>
}

/** A day's digest of what started waiting for one level (association, or CICPA) the day before. */
export interface StaffDigest {
  scopeCode: string
  /** The China date the digest was made on. */
  date: string
  /** The China date whose new items it counts. */
  covers: string
  counts: Partial<Record<ApprovalKind, number>>
  total: number
  at: string
}

/**
 * What the job writes, each once: a member's reminder is the in-app message together with one
 * marker per reason and day, created only if absent; a digest is one item per level and day.
 */
export interface ReminderStore {
  /**
   * Writes the message with a marker for each of `reasons` on `date`, all or nothing. 'sent'; or
   * the reasons that were reminded already (by an earlier or a concurrent run), when nothing was written.
   */
  remind(memberNo: string, date: string, reasons: readonly ReminderReason[], message: MemberMessage, expiresAt: number): Promise<'sent' | ReminderReason[]>
  /** 'created', or 'duplicate' when this level's digest of that day exists. */
  saveDigest(digest: StaffDigest, expiresAt: number): Promise<'created' | 'duplicate'>
  /** The level's latest digests, newest first. */
  digests(scopeCode: string, limit: number): Promise<StaffDigest[]>
}
