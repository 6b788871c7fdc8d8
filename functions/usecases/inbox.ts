import { approvalKindsFor, APPROVAL_KIND_LABELS, type ApprovalKind } from '../../shared/approvals'
import { associationName, CICPA_CODE } from '../../shared/associations'
import type { InboxResponse } from '../../shared/api/schemas'
import type { HandledQuery, HandledResponse, InboxFilter, InboxItemsQuery, InboxItemsResponse } from '../../shared/api/workbench-schemas'
import type { Caller } from '../auth/tokens'
import { InvalidCursor, type Inbox } from '../ports/inbox'
import { AppError } from './errors'

export interface InboxDeps {
  inbox: Inbox
}

export type StaffCaller = Caller & { role: 'local_staff' | 'cicpa_staff' }

export function asStaff(caller: Caller): StaffCaller {
  if (caller.role === 'member') throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
  return { ...caller, role: caller.role }
}

/** The inbox partition a staff member works on: their association, or CICPA's national one. */
export const scopeOf = (caller: StaffCaller): string => (caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode)

export function kindOfLevel(staff: StaffCaller, kind: ApprovalKind): ApprovalKind {
  if (!approvalKindsFor(staff.role).includes(kind)) throw new AppError('FORBIDDEN', '该类事项不由本级审批')
  return kind
}

/** Dates are compared as written (YYYY-MM-DD); a range ending before it starts is a typing mistake, not an empty list. */
export function checkedFilter<F extends InboxFilter>(filter: F): F {
  if (filter.from && filter.to && filter.from > filter.to) {
    const message = '提交日期止不能早于提交日期起'
    throw new AppError('VALIDATION_FAILED', message, { to: message })
  }
  return filter
}

/** A cursor the list did not hand out (altered, or from another list or filter) reads nothing. */
async function fromCursor<T>(read: Promise<T>): Promise<T> {
  try {
    return await read
  } catch (error) {
    if (!(error instanceof InvalidCursor)) throw error
    const message = '分页位置无效，请从第一页重新查看'
    throw new AppError('VALIDATION_FAILED', message, { cursor: message })
  }
}

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

/** One page of a kind's pending items at this level, filtered or searched. */
export async function inboxItems(deps: InboxDeps, caller: Caller, kind: ApprovalKind, query: InboxItemsQuery): Promise<InboxItemsResponse> {
  const staff = asStaff(caller)
  const { order, cursor, limit, ...filter } = query
  const page = await fromCursor(deps.inbox.list(scopeOf(staff), kindOfLevel(staff, kind), { filter: checkedFilter(filter), order, cursor, limit }))
  return { kind, label: APPROVAL_KIND_LABELS[kind], ...page }
}

/** How many pending items match a filter: what "pass all that match" would pass. */
export async function inboxCount(deps: InboxDeps, caller: Caller, kind: ApprovalKind, filter: InboxFilter): Promise<{ count: number }> {
  const staff = asStaff(caller)
  return { count: await deps.inbox.count(scopeOf(staff), kindOfLevel(staff, kind), checkedFilter(filter)) }
}

/** 已办: what this level decided in a year, newest first, narrowed by kind and decision or searched. */
export async function handledItems(deps: InboxDeps, caller: Caller, query: HandledQuery): Promise<HandledResponse> {
  const staff = asStaff(caller)
  if (query.kind) kindOfLevel(staff, query.kind)
  return fromCursor(deps.inbox.handled(scopeOf(staff), query))
}
