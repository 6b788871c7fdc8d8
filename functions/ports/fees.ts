import type { MemberMessage } from '../../shared/api/inspection-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import type { FeeStatus } from '../../shared/fee'

/** One member's annual membership fee of one year (absent items read as unpaid at the default amount). */
export interface FeeRecord {
  status: FeeStatus
  amountFen: number
  offlineNote?: string
  declaredAt?: string
  rejectReason?: string
  transactionId?: string
  /** Counted up by each declaration and decision: a decision names the one its reviewer read. */
  version: number
}

export interface FeeStore {
  read(memberNo: string, year: number): Promise<FeeRecord>
  /** The fee's approval trail (查看审批信息), oldest first. */
  trail(memberNo: string, year: number): Promise<TrailEntry[]>
  /** 线下缴费: the fee waits for local staff to confirm; StaleWrite unless it was still unpaid. */
  declareOffline(input: {
    memberNo: string
    year: number
    memberName: string
    associationCode: string
    note: string
    at: string
    /** Staff did not confirm the member's previous declaration: this one waits as resubmitted. */
    afterRejection: boolean
  }): Promise<void>
  /**
   * Local staff confirm (→ 已确认) or reject (→ 去支付, with the reason) a declared offline payment,
   * with the member's message and a trail entry (the association's 已办 record, naming `staff`)
   * in the same write; StaleWrite unless it still waits at `version`.
   */
  decideOffline(input: {
    memberNo: string
    /** Whose figures count a confirmed payment. */
    associationCode: string
    year: number
    version: number
    memberName: string
    confirm: boolean
    reason: string
    staff: string
    at: string
    message: MemberMessage
  }): Promise<void>
}
