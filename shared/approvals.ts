import type { Role } from './roles'

/**
 * Every kind of item that waits in a staff approval inbox, and which level handles it.
 * Admissions pass both levels (seed 000: 地方注协审核 → 中注协确认); certificates are CICPA's alone.
 */
export const APPROVAL_KINDS = ['admission', 'inspection', 'deferral', 'fee_confirmation', 'output_hours', 'exemption_hours', 'good_standing'] as const
export type ApprovalKind = (typeof APPROVAL_KINDS)[number]

export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  admission: '入会申请',
  inspection: '年检申请',
  deferral: '暂缓年检',
  fee_confirmation: '会费确认',
  output_hours: '产出式学时',
  exemption_hours: '减免学时',
  good_standing: '良好存续证明',
}

const KINDS_BY_ROLE: Record<Exclude<Role, 'member'>, readonly ApprovalKind[]> = {
  local_staff: ['admission', 'inspection', 'deferral', 'fee_confirmation', 'output_hours', 'exemption_hours'],
  cicpa_staff: ['admission', 'good_standing'],
}

export function approvalKindsFor(role: Exclude<Role, 'member'>): readonly ApprovalKind[] {
  return KINDS_BY_ROLE[role]
}
