import { approvalKindsFor, APPROVAL_KIND_LABELS, type ApprovalKind } from '../../shared/approvals'
import { associationName, CICPA_CODE } from '../../shared/associations'
import type { InboxItemsResponse, InboxResponse } from '../../shared/api/schemas'
import type { Caller } from '../auth/tokens'
import type { Inbox } from '../ports/inbox'
import { AppError } from './errors'

export interface InboxDeps {
  inbox: Inbox
}

type StaffCaller = Caller & { role: 'local_staff' | 'cicpa_staff' }

/** How many items one inbox page shows. */
const PAGE_SIZE = 100

function asStaff(caller: Caller): StaffCaller {
  if (caller.role === 'member') throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
  return { ...caller, role: caller.role }
}

/** The inbox partition a staff member works on: their association, or CICPA's national one. */
const scopeOf = (caller: StaffCaller): string => (caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode)

/**
 * Counts what waits for this staff member's level: local staff see their own association's
 * partition only, CICPA staff the national one. Pending items sit in a sparse GSI1 partition per
 * scope and kind, so each count is one Query, never a Scan.
 */
export async function inboxSummary(deps: InboxDeps, caller: Caller): Promise<InboxResponse> {
  const staff = asStaff(caller)
  const scopeCode = scopeOf(staff)
  const categories = await Promise.all(
    approvalKindsFor(staff.role).map(async (kind) => ({ kind, label: APPROVAL_KIND_LABELS[kind], pending: await deps.inbox.count(scopeCode, kind) })),
  )
  return {
    scope: { code: scopeCode, name: associationName(scopeCode) },
    total: categories.reduce((sum, category) => sum + category.pending, 0),
    categories,
  }
}

export async function inboxItems(deps: InboxDeps, caller: Caller, kind: ApprovalKind): Promise<InboxItemsResponse> {
  const staff = asStaff(caller)
  if (!approvalKindsFor(staff.role).includes(kind)) throw new AppError('FORBIDDEN', '该类事项不由本级审批')
  return { kind, label: APPROVAL_KIND_LABELS[kind], items: await deps.inbox.list(scopeOf(staff), kind, PAGE_SIZE) }
}
