/**
 * The staff workbench at the scale of a province (issue 17): what a pending item's state and a
 * handled item's decision can be, what can be exported, and the limits that keep one request
 * inside an API Gateway / Lambda budget. One source for the server and the mini-program.
 */

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
