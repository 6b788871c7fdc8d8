import type { ApprovalKind } from '../../shared/approvals'
import type { HandledItem, HandledQuery, InboxFilter, InboxItem } from '../../shared/api/workbench-schemas'
import type { InboxOrder } from '../../shared/workbench'

/** One page of a list; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[]
  nextCursor?: string
}

/**
 * What waits for one approval level, and what it decided: `scopeCode` is an association's code
 * for its local staff, or CICPA_CODE for CICPA staff. Items enter and leave an inbox in the write
 * that changes them; a decision's trail entry is its 已办 record, written in the same transaction.
 */
export interface Inbox {
  count(scopeCode: string, kind: ApprovalKind, filter?: InboxFilter): Promise<number>
  list(scopeCode: string, kind: ApprovalKind, query: { filter: InboxFilter; order: InboxOrder; cursor?: string; limit: number }): Promise<Page<InboxItem>>
  handled(scopeCode: string, query: HandledQuery): Promise<Page<HandledItem>>
}

/**
 * A cursor that is not one this list handed out (altered, cut short, or from another list or
 * filter). Adapters throw it before reading anything; the use case words the refusal.
 */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor'
}
