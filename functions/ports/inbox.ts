import type { ApprovalKind } from '../../shared/approvals'
import type { InboxItem } from '../../shared/api/schemas'

/**
 * What waits for one approval level: `scopeCode` is an association's code for its local staff, or
 * CICPA_CODE for CICPA staff. Items enter and leave an inbox in the write that changes them.
 */
export interface Inbox {
  count(scopeCode: string, kind: ApprovalKind): Promise<number>
  /** The oldest waiting items first, at most `limit`. */
  list(scopeCode: string, kind: ApprovalKind, limit: number): Promise<InboxItem[]>
}
