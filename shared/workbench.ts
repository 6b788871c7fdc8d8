/**
 * The staff workbench at the scale of a province (issue 17): what a pending item's state and a
 * handled item's decision can be, what can be exported, and the limits that keep one request
 * inside an API Gateway / Lambda budget. One source for the server and the mini-program.
 */
import type { ApprovalKind } from './approvals'

/** A pending item is either submitted for the first time or back after a return (退回后重新提交). */
export const PENDING_STATES = ['new', 'resubmitted'] as const
export type PendingState = (typeof PENDING_STATES)[number]
export const PENDING_STATE_LABELS: Record<PendingState, string> = { new: '首次提交', resubmitted: '退回后重新提交' }

/** What a level decided on an item it handled (已办). Forwarding an admission to CICPA is its local 通过. */
export const HANDLED_DECISIONS = ['approved', 'returned', 'rejected'] as const
export type HandledDecision = (typeof HANDLED_DECISIONS)[number]
export const HANDLED_DECISION_LABELS: Record<HandledDecision, string> = { approved: '通过', returned: '退回', rejected: '不通过' }

export const INBOX_ORDERS = ['oldest', 'newest'] as const
export type InboxOrder = (typeof INBOX_ORDERS)[number]

/** Items on one page of a list: enough for a desk table, small enough for a phone's first screen. */
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100

/** One batch request passes at most this many items: each is its own conditional write, all inside one request's time. */
export const MAX_BATCH_PASS = 500

/**
 * What a level may pass in batch (批量通过): kinds whose pass needs no words of its own, the default
 * opinion (同意 / 已确认收到会费) being the whole of it. Hours claims stay one by one: a pass credits
 * hours that the reviewer weighs against what the category already has (the cap). So does CICPA's
 * admission confirmation: it makes the applicant a member with an initial password, a deliberate
 * act each time (and a password hash costs ~0.3 s and 128 MB, too much for 500 in one request).
 */
const BATCH_PASS_KINDS: Record<'local_staff' | 'cicpa_staff', readonly ApprovalKind[]> = {
  local_staff: ['inspection', 'deferral', 'admission', 'fee_confirmation'],
  cicpa_staff: ['good_standing'],
}

export function canBatchPass(role: 'local_staff' | 'cicpa_staff', kind: ApprovalKind): boolean {
  return BATCH_PASS_KINDS[role].includes(kind)
}

export const EXPORT_KINDS = ['inspection_results', 'member_hours', 'pending'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  inspection_results: '年检结果',
  member_hours: '会员学时',
  pending: '待审批清单',
}
export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type ExportStatus = (typeof EXPORT_STATUSES)[number]
export const EXPORT_STATUS_LABELS: Record<ExportStatus, string> = { queued: '排队中', running: '生成中', done: '已完成', failed: '生成失败' }

/** CICPA staff may export every association at once. */
export const ALL_ASSOCIATIONS = 'all'
