import { approvalKindsFor, APPROVAL_KIND_LABELS, type ApprovalKind } from '../../shared/approvals'
import { associationName, CICPA_CODE } from '../../shared/associations'
import type { InboxItemsResponse, InboxResponse } from '../../shared/api/schemas'
import { countWaiting, listWaiting } from '../adapters/pending'
import { AppError } from '../http/errors'
import type { Caller } from '../auth/tokens'

/**
 * Counts what waits for this staff member's level: local staff see their own association's
 * partition only, CICPA staff the national one. Pending items sit in a sparse GSI1 partition per
 * scope and kind, so each count is one Query, never a Scan.
 */
type StaffCaller = Caller & { role: 'local_staff' | 'cicpa_staff' }

/** The inbox partition a staff member works on: their association, or CICPA's national one. */
export function scopeOf(caller: StaffCaller): string {
  return caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode
}

export async function inboxSummary(caller: StaffCaller): Promise<InboxResponse> {
  const scopeCode = scopeOf(caller)
  const categories = await Promise.all(
    approvalKindsFor(caller.role).map(async (kind) => ({ kind, label: APPROVAL_KIND_LABELS[kind], pending: await countWaiting(scopeCode, kind) })),
  )
  return {
    scope: { code: scopeCode, name: associationName(scopeCode) },
    total: categories.reduce((sum, category) => sum + category.pending, 0),
    categories,
  }
}

export async function inboxItems(caller: StaffCaller, kind: ApprovalKind): Promise<InboxItemsResponse> {
  if (!approvalKindsFor(caller.role).includes(kind)) throw new AppError('FORBIDDEN', '该类事项不由本级审批')
  return { kind, label: APPROVAL_KIND_LABELS[kind], items: await listWaiting(scopeOf(caller), kind) }
}
