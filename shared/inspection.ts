import { feeBlocker, type FeeStatus } from './fee'
import type { HoursStanding } from './hours'

/**
 * One member's annual inspection of one year (seed 003). The same record carries either an
 * inspection application (年检申请) or a deferral (暂缓年检申请); a returned one is corrected and
 * submitted again on the same record, so nothing typed or uploaded is lost.
 */
export const INSPECTION_KINDS = ['inspection', 'deferral'] as const
export type InspectionKind = (typeof INSPECTION_KINDS)[number]

export const INSPECTION_STATUSES = ['draft', 'pending', 'returned', 'passed', 'revoked'] as const
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number]

export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = { inspection: '年检申请', deferral: '暂缓年检申请' }

const STATUS_LABELS: Record<InspectionKind, Record<InspectionStatus, string>> = {
  inspection: { draft: '未提交', pending: '地方注协审核中', returned: '地方注协退回', passed: '年检通过', revoked: '年检通过已撤销' },
  deferral: { draft: '未提交', pending: '暂缓申请审核中', returned: '暂缓申请退回', passed: '同意暂缓年检', revoked: '同意暂缓已撤销' },
}

export function inspectionStatusLabel(kind: InspectionKind, status: InspectionStatus): string {
  return STATUS_LABELS[kind][status]
}

/** The home page's badge on 年检申请 for this year. */
export const HOME_BADGES: Record<InspectionStatus, string | null> = { draft: null, pending: '审核中', returned: '已退回', passed: '已通过', revoked: '已撤销' }

/** Statuses from which the member may submit (again). */
export const SUBMITTABLE: readonly InspectionStatus[] = ['draft', 'returned', 'revoked']

/** Sent back to the member with a reason to act on: returned in review, or a decision revoked later. */
export function isSentBack(status: InspectionStatus): boolean {
  return status === 'returned' || status === 'revoked'
}

/** What the member is shown the reason of a sent-back item as. */
export function sentBackReasonLabel(status: InspectionStatus): string {
  return status === 'revoked' ? '撤销原因' : '退回原因'
}

export function canSubmit(status: InspectionStatus | undefined): boolean {
  return status === undefined || SUBMITTABLE.includes(status)
}

export const DECISIONS = ['pass', 'return'] as const
export type Decision = (typeof DECISIONS)[number]

export function statusAfter(decision: Decision): InspectionStatus {
  return decision === 'pass' ? 'passed' : 'returned'
}

/** 节点 of an approval-trail entry, worded as the CICPA system words them (seed 003). */
export function trailNode(kind: InspectionKind, action: 'submit' | Decision): string {
  if (action === 'submit') return kind === 'inspection' ? '非执业会员提交年检申请' : '非执业会员提交暂缓年检申请'
  if (kind === 'inspection') return action === 'pass' ? '地方注协非执业会员年检审核通过' : '地方注协非执业会员年检审核退回'
  return action === 'pass' ? '地方注协非执业会员审核暂缓通过' : '地方注协非执业会员审核暂缓退回'
}

/**
 * 更正 of a decided item (seed 003: 其他特殊状态由省注协处理). A revoked pass gets a status of its
 * own rather than going back to 退回: whoever scans the year's QR code after seeing 年检通过 must
 * learn that the pass was withdrawn, and the association's records keep revocations apart from
 * ordinary returns. The member may submit a revoked item again like a returned one. 重新审核 puts
 * a returned, revoked or passed item back into the association's inbox for a new decision.
 */
export const CORRECTIONS = ['revoke', 'reopen'] as const
export type Correction = (typeof CORRECTIONS)[number]

export const CORRECTION_LABELS: Record<Correction, string> = { revoke: '撤销通过', reopen: '重新审核' }

export function correctionsFor(status: InspectionStatus): Correction[] {
  if (status === 'passed') return ['revoke', 'reopen']
  if (status === 'returned' || status === 'revoked') return ['reopen']
  return []
}

export function statusAfterCorrection(correction: Correction): 'revoked' | 'pending' {
  return correction === 'revoke' ? 'revoked' : 'pending'
}

/** 节点 of a correction in the trail; `level` is who corrected (地方注协 or 中注协). */
export function correctionNode(kind: InspectionKind, correction: Correction, level: '地方注协' | '中注协'): string {
  if (correction === 'reopen') return `${level}更正：${kind === 'inspection' ? '年检申请' : '暂缓年检申请'}重新审核`
  return `${level}更正：${kind === 'inspection' ? '撤销年检通过' : '撤销同意暂缓'}`
}

/**
 * Why the member may not apply for the inspection yet, in the words shown on screen; empty when
 * the application may go ahead. Deferrals need neither hours nor fee: that is what they are for.
 */
export function applyBlockers(input: {
  hours: HoursStanding
  fee: FeeStatus
  infoComplete: boolean
  status?: InspectionStatus
  kind?: InspectionKind
  /** Not this member's year to be inspected, or outside the association's window (shared/calendar.ts). */
  calendar?: string | null
}): string[] {
  if (input.status === 'pending') return ['本年度申请正在审核中，请勿重复提交']
  if (input.status === 'passed') return [input.kind === 'deferral' ? '本年度暂缓年检申请已获同意' : '本年度年检已通过']
  const blockers: string[] = input.calendar ? [input.calendar] : []
  if (!input.infoComplete) blockers.push('请先完善信息（带 * 的为必填项）')
  if (input.hours.missing > 0) {
    blockers.push(`累计已完成学时 ${input.hours.done} 未达到应完成学时 ${input.hours.required}，还需完成 ${input.hours.missing} 学时`)
  }
  const fee = feeBlocker(input.fee)
  if (fee) blockers.push(fee)
  return blockers
}

export function deferralBlockers(status?: InspectionStatus, calendar?: string | null): string[] {
  if (status === 'pending') return ['本年度申请正在审核中，请勿重复提交']
  if (status === 'passed') return ['本年度年检申请已办结']
  return calendar ? [calendar] : []
}

/** Why a member who joined in `joinYear` is not inspected for `inspectionYear` (null: they are). */
export function notDueBlocker(owedYears: readonly number[], joinYear: number): string | null {
  return owedYears.length === 0 ? `您于${joinYear}年入会，入会当年度无需年检，自${joinYear + 1}年度起参加年检` : null
}

/** `<member number>-<year>`: one record per member and year. */
export const INSPECTION_ID_PATTERN = /^(\d{6,20})-(\d{4})$/

export function inspectionId(memberNo: string, year: number): string {
  return `${memberNo}-${year}`
}

export function parseInspectionId(id: string): { memberNo: string; year: number } | null {
  const match = INSPECTION_ID_PATTERN.exec(id)
  return match ? { memberNo: match[1]!, year: Number(match[2]) } : null
}

export const DEFAULT_NOTICE = '如有疑问，请联系所属地方注协。'
export const APPLY_SUCCESS_TEXT = '申请成功，请明年按时参加年检。'

/** 申请材料 (seed 003): pdf, jpg, png, xls; at most 5 files; each ≤ 5 MB, or ≤ 50 MB for deferral proofs. */
export const MATERIAL_PURPOSES = ['inspection', 'deferral'] as const
export type MaterialPurpose = (typeof MATERIAL_PURPOSES)[number]

const MB = 1024 * 1024
export const MATERIAL_LIMITS: Record<MaterialPurpose, { maxFiles: number; maxBytes: number; sizeLabel: string }> = {
  inspection: { maxFiles: 5, maxBytes: 5 * MB, sizeLabel: '5MB' },
  deferral: { maxFiles: 5, maxBytes: 50 * MB, sizeLabel: '50MB' },
}

export const MATERIAL_CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  xls: 'application/vnd.ms-excel',
}
export const MATERIAL_TYPES_LABEL = 'pdf、jpg、png、xls'

/** The content type a file name stands for, or null when the extension is not accepted. */
export function materialContentType(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  return (extension && MATERIAL_CONTENT_TYPES[extension]) || null
}

/** 资格取得信息 (seed 003): the qualifications a member may hold besides the CPA certificate. */
export const DOMESTIC_QUALIFICATIONS = [
  '税务师',
  '工程造价师',
  '资产评估师',
  '房地产评估师',
  '证券从业资格',
  '基金从业资格',
  '银行业从业资格',
  '精算师',
  '建造师',
  '律师',
] as const
export const INTERNATIONAL_QUALIFICATIONS = [
  '国际注册会计师(ACCA)',
  '美国注册管理会计师(CMA)',
  '特许金融分析师(CFA)',
  '国际注册内审师(CIA)',
  '金融风险管理师(FRM)',
  '香港注册会计师(HKCPA)',
  '美国管理会计师(IMA)',
  '美国注册会计师(AICPA)',
  '澳大利亚注册会计师(CPA Australia)',
  '加拿大注册会计师(CPA Canada)',
  '项目管理专业人士资格认证(PMP)',
] as const
export const EDUCATION_LEVELS = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '其他'] as const
export const DEGREES = ['博士', '硕士', '学士', '无'] as const
