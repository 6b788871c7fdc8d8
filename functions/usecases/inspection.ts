import { randomBytes } from 'node:crypto'
import type * as z from 'zod'
import type {
  CorrectionRequest,
  DecisionRequest,
  HistoryQuery,
  InspectionDetail,
  InspectionOverview,
  InspectionSummary,
  MaterialUploads,
  Materials,
  MemberInfo as MemberInfoData,
  MemberInfoDraft,
  MemberMessage,
  NoticeRequest,
} from '../../shared/api/inspection-schemas'
import { associationName } from '../../shared/associations'
import { defaultInspectionWindow, inspectionYearAt, settableWindowYears, windowBlocker, windowProblems } from '../../shared/calendar'
import { cumulativeStanding, owedYears } from '../../shared/hours'
import {
  APPLY_SUCCESS_TEXT,
  applyBlockers,
  canSubmit,
  CORRECTION_LABELS,
  correctionNode,
  correctionsFor,
  DEFAULT_NOTICE,
  deferralBlockers,
  EDUCATION_LEVELS,
  HOME_BADGES,
  INSPECTION_KIND_LABELS,
  inspectionStatusLabel,
  isSentBack,
  MATERIAL_PURPOSES,
  notDueBlocker,
  parseInspectionId,
  statusAfter,
  statusAfterCorrection,
  trailNode,
  type InspectionKind,
} from '../../shared/inspection'
import { maskIdNumber, maskPhone } from '../../shared/mask'
import type { Caller } from '../auth/tokens'
import type { AccountStore, MemberRecord } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { FeeStore } from '../ports/fees'
import type { FileStore } from '../ports/files'
import type { HoursLedger } from '../ports/hours'
import type { WechatNotices } from '../ports/subscriptions'
import {
  filesOf,
  type InspectionRecord,
  type InspectionSettings,
  type InspectionSettingsStore,
  type InspectionStore,
  type MemberInfoStore,
  type SavedMemberInfo,
  type MemberMessages,
  type StoredFile,
} from '../ports/inspections'
import { ownMember } from './credentials'
import { AppError, expectFresh, forbidden, notFound } from './errors'
import { personalFactsOf } from './profile'
import { decisionNotice, notifyMember } from './subscriptions'

export interface InspectionDeps {
  accounts: Pick<AccountStore, 'getMember'>
  inspections: InspectionStore
  settings: InspectionSettingsStore
  memberInfo: MemberInfoStore
  messages: MemberMessages
  fees: Pick<FeeStore, 'read'>
  hours: Pick<HoursLedger, 'ofYears'>
  files: FileStore
  notices: WechatNotices
  clock: Clock
}

export function summaryOf(record: InspectionRecord): InspectionSummary {
  return {
    id: record.id,
    year: record.year,
    kind: record.kind,
    kindLabel: INSPECTION_KIND_LABELS[record.kind],
    status: record.status,
    statusLabel: inspectionStatusLabel(record.kind, record.status),
    returnReason: isSentBack(record.status) ? (record.returnReason ?? null) : null,
    submittedAt: record.submittedAt ?? null,
    decidedAt: record.decidedAt ?? null,
  }
}

/** The latest year whose 年检 passed, before `beforeYear` when given. */
function lastPassedYear(records: readonly InspectionRecord[], beforeYear = Number.POSITIVE_INFINITY): number | null {
  const years = records.filter((record) => record.status === 'passed' && record.kind === 'inspection' && record.year < beforeYear).map((record) => record.year)
  return years.length ? Math.max(...years) : null
}

/**
 * One member's 年检 of `year` as the calendar decides it: the years it answers for (after the last
 * pass, or after the year of joining), their 累计 hours, and why it is not due when it is not.
 */
async function yearStanding(deps: InspectionDeps, member: MemberRecord, year: number, records: readonly InspectionRecord[]) {
  const joinYear = Number(member.joinDate.slice(0, 4))
  const years = owedYears({ inspectionYear: year, lastInspectionYear: lastPassedYear(records, year), joinYear })
  const hours = cumulativeStanding(await deps.hours.ofYears(member.memberNo, years), years)
  return { years, hours, notDue: notDueBlocker(years, joinYear) }
}

const ALL_UPLOADS_OPEN: MaterialUploads = { inspection: true, deferral: true }

/** The upload sections an association keeps open: all, until its staff close one. */
const openUploads = (saved: InspectionSettings | undefined) => saved?.uploads ?? ALL_UPLOADS_OPEN

/** What an association decided for its members' 年检 of `year` (one read): when they apply, and which materials they upload. */
async function associationRules(deps: Pick<InspectionDeps, 'settings'>, associationCode: string, year: number) {
  const saved = await deps.settings.read(associationCode)
  return { window: saved?.windows[year] ?? defaultInspectionWindow(year), uploads: openUploads(saved) }
}

export async function uploadsOf(deps: Pick<InspectionDeps, 'settings'>, associationCode: string): Promise<MaterialUploads> {
  return openUploads(await deps.settings.read(associationCode))
}

export async function inspectionOverview(deps: InspectionDeps, caller: Caller): Promise<InspectionOverview> {
  const memberNo = caller.username
  const now = deps.clock.now()
  const year = inspectionYearAt(now)
  const [member, feeRecord, records, unreadMessages, info] = await Promise.all([
    ownMember(deps.accounts, caller),
    deps.fees.read(memberNo, year),
    deps.inspections.list(memberNo),
    deps.messages.countUnread(memberNo),
    deps.memberInfo.read(memberNo),
  ])
  const current = records.find((record) => record.year === year)
  const [standing, { window, uploads }, materials] = await Promise.all([
    yearStanding(deps, member, year, records),
    associationRules(deps, member.associationCode, year),
    materialsOf(deps, current),
  ])
  const { hours } = standing
  const calendar = standing.notDue ?? windowBlocker(year, window, now)
  const fee = feeRecord.status
  return {
    year,
    lastInspectionYear: lastPassedYear(records),
    hours,
    hoursYears: standing.years,
    window,
    fee,
    feeAmountFen: feeRecord.amountFen,
    feeRejectReason: fee === '去支付' ? (feeRecord.rejectReason ?? null) : null,
    application: current ? summaryOf(current) : null,
    blockers: applyBlockers({ hours, fee, infoComplete: info.saved !== null, status: current?.status, kind: current?.kind, calendar }),
    deferralBlockers: deferralBlockers(current?.status, calendar),
    homeBadge: current ? HOME_BADGES[current.status] : null,
    unreadMessages,
    materials,
    uploads,
    infoComplete: info.saved !== null,
  }
}

function filesWithUrls(deps: Pick<InspectionDeps, 'files'>, files: StoredFile[]) {
  return Promise.all(files.map(async ({ key, ...file }) => ({ ...file, url: await deps.files.presignDownload(key) })))
}

export async function materialsOf(deps: Pick<InspectionDeps, 'files'>, record: InspectionRecord | undefined): Promise<Materials> {
  const [inspection, deferral] = await Promise.all(MATERIAL_PURPOSES.map((purpose) => filesWithUrls(deps, filesOf(record, purpose))))
  return { inspection: inspection!, deferral: deferral! }
}

async function noticeOf(deps: InspectionDeps, associationCode: string): Promise<string> {
  return (await deps.settings.read(associationCode))?.notice ?? DEFAULT_NOTICE
}

/**
 * Submits this year's inspection or deferral. The rules are checked on what was read and the
 * write is conditional on that same state, so a double submit or a fee change in between is refused.
 */
export async function submitApplication(deps: InspectionDeps, caller: Caller, input: { year: number; kind: InspectionKind; deferralReason?: string }) {
  const now = deps.clock.now()
  const year = inspectionYearAt(now)
  if (input.year !== year) {
    throw new AppError('VALIDATION_FAILED', `现在只能申请${year}年度的年检`, { year: `现在只能申请${year}年度的年检` })
  }
  const member = await ownMember(deps.accounts, caller)
  const [records, { status: fee }, info, { window, uploads }] = await Promise.all([
    deps.inspections.list(member.memberNo),
    deps.fees.read(member.memberNo, year),
    deps.memberInfo.read(member.memberNo),
    associationRules(deps, member.associationCode, year),
  ])
  const existing = records.find((record) => record.year === year)
  if (!canSubmit(existing?.status)) {
    throw new AppError('CONFLICT', existing?.status === 'pending' ? '本年度申请已提交，正在审核中，请勿重复提交' : '本年度年检申请已办结')
  }
  const { hours, notDue } = await yearStanding(deps, member, year, records)
  const calendar = notDue ?? windowBlocker(year, window, now)
  if (calendar) throw new AppError('VALIDATION_FAILED', calendar, { year: calendar })
  if (input.kind === 'inspection') {
    const blockers = applyBlockers({ hours, fee, infoComplete: info.saved !== null, status: existing?.status })
    if (blockers.length) throw new AppError('VALIDATION_FAILED', blockers.join('；'))
  } else if (uploads.deferral && filesOf(existing, 'deferral').length === 0) {
    throw new AppError('VALIDATION_FAILED', '请上传暂缓证明材料', { materials: '请上传暂缓证明材料' })
  }
  const at = deps.clock.now().toISOString()
  await expectFresh(
    deps.inspections.submit({
      memberNo: member.memberNo,
      year,
      kind: input.kind,
      associationCode: member.associationCode,
      memberName: member.name,
      expectedVersion: existing?.version,
      previousStatus: existing?.status,
      deferralReason: input.deferralReason,
      trail: { node: trailNode(input.kind, 'submit'), unit: `非执业会员 ${member.name}`, opinion: input.deferralReason ?? '提交申请', at },
    }),
  )
  const saved = await deps.inspections.get(member.memberNo, year)
  return { application: summaryOf(saved!), successText: APPLY_SUCCESS_TEXT, notice: await noticeOf(deps, member.associationCode) }
}

/** Finds an inspection the caller may see: members their own (else 404), local staff their association's (else 403). */
export async function visibleRecord(deps: Pick<InspectionDeps, 'inspections'>, caller: Caller, id: string): Promise<InspectionRecord> {
  const parsed = parseInspectionId(id)
  if (!parsed) throw notFound('年检申请')
  if (caller.role === 'member' && parsed.memberNo !== caller.username) throw notFound('年检申请')
  const record = await deps.inspections.get(parsed.memberNo, parsed.year)
  if (!record || record.status === 'draft') throw notFound('年检申请')
  if (caller.role === 'local_staff' && record.associationCode !== caller.associationCode) throw forbidden()
  return record
}

async function detailOf(deps: InspectionDeps, record: InspectionRecord): Promise<InspectionDetail> {
  const [member, records, { status: fee }, trail, files] = await Promise.all([
    deps.accounts.getMember(record.memberNo),
    deps.inspections.list(record.memberNo),
    deps.fees.read(record.memberNo, record.year),
    deps.inspections.trail(record.id),
    filesWithUrls(deps, filesOf(record, record.kind)),
  ])
  if (!member) throw notFound('会员')
  const { hours } = await yearStanding(deps, member, record.year, records)
  return {
    ...summaryOf(record),
    version: record.version,
    member: {
      memberNo: member.memberNo,
      name: member.name,
      gender: member.gender,
      association: { code: member.associationCode, name: associationName(member.associationCode) },
      idType: member.idType,
      idNumberMasked: maskIdNumber(member.idNumber),
      ...personalFactsOf(member),
      phoneMasked: member.phone ? maskPhone(member.phone) : null,
      workUnit: member.workUnit ?? null,
    },
    hours,
    fee,
    deferralReason: record.deferralReason ?? null,
    files,
    trail,
  }
}

export async function inspectionDetail(deps: InspectionDeps, caller: Caller, id: string): Promise<InspectionDetail> {
  return detailOf(deps, await visibleRecord(deps, caller, id))
}

export async function inspectionHistory(deps: InspectionDeps, caller: Caller, query: z.output<typeof HistoryQuery>) {
  const records = await deps.inspections.list(caller.username)
  const items = records
    .filter((record) => record.status !== 'draft')
    .filter((record) => query.year === undefined || record.year === query.year)
    .filter((record) => query.status === undefined || record.status === query.status)
    .map(summaryOf)
  return { items }
}

/** Sortable, unique message ids: the time, then random hex. */
export function messageId(at: string): string {
  return `${at.replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`
}

export async function decideApplication(deps: InspectionDeps, caller: Caller, id: string, body: z.output<typeof DecisionRequest>) {
  const record = await visibleRecord(deps, caller, id)
  await recordDecision(deps, caller, record, body)
  return detailOf(deps, (await deps.inspections.get(record.memberNo, record.year))!)
}

/** A decision on a record read by visibleRecord: the one write (with trail and message) and the member's notice; a batch pass uses it too. */
export async function recordDecision(
  deps: Pick<InspectionDeps, 'inspections' | 'notices' | 'clock'>,
  caller: Caller,
  record: InspectionRecord,
  body: z.output<typeof DecisionRequest>,
) {
  if (record.status !== 'pending') throw new AppError('CONFLICT', `该申请已办理（${inspectionStatusLabel(record.kind, record.status)}），请刷新后查看`)
  if (record.version !== body.version) throw new AppError('CONFLICT', '申请人已重新提交，请刷新后重新审核')
  const at = deps.clock.now().toISOString()
  const unit = associationName(caller.associationCode)
  const node = trailNode(record.kind, body.decision)
  const opinion = body.opinion || '同意'
  const message: MemberMessage = {
    id: messageId(at),
    title: `您的${record.year}年度${INSPECTION_KIND_LABELS[record.kind]}${body.decision === 'pass' ? '已通过' : '被退回'}`,
    node,
    unit,
    opinion,
    at,
    read: false,
    subject: 'inspection',
    subjectId: record.id,
  }
  await expectFresh(
    deps.inspections.decide(
      record,
      { status: statusAfter(body.decision), returnReason: body.decision === 'return' ? body.opinion : undefined },
      { trail: { node, unit, opinion, at }, message, decidedBy: caller.displayName },
    ),
  )
  await notifyMember(
    deps.notices,
    record.memberNo,
    decisionNotice(message, `${record.year}年度${INSPECTION_KIND_LABELS[record.kind]}`, body.decision === 'pass' ? '已通过' : '已退回'),
  )
}

/**
 * 更正 (seed 003: 其他特殊状态由省注协处理): staff of the member's association, or CICPA, revoke a
 * pass or reopen a decided item. The reason goes to the trail and to the member.
 */
export async function correctApplication(deps: InspectionDeps, caller: Caller, id: string, body: z.output<typeof CorrectionRequest>) {
  const record = await visibleRecord(deps, caller, id)
  const current = inspectionStatusLabel(record.kind, record.status)
  if (!correctionsFor(record.status).includes(body.correction)) {
    throw new AppError('CONFLICT', `该申请当前为“${current}”，不能${CORRECTION_LABELS[body.correction]}，请刷新后查看`)
  }
  if (record.version !== body.version) throw new AppError('CONFLICT', '该申请已有新的办理，请刷新后重新操作')
  const at = deps.clock.now().toISOString()
  const unit = associationName(caller.associationCode)
  const node = correctionNode(record.kind, body.correction, caller.role === 'cicpa_staff' ? '中注协' : '地方注协')
  const message: MemberMessage = {
    id: messageId(at),
    title:
      body.correction === 'revoke' ? `您的${record.year}年度${current}已被撤销` : `您的${record.year}年度${INSPECTION_KIND_LABELS[record.kind]}已重新进入审核`,
    node,
    unit,
    opinion: body.reason,
    at,
    read: false,
    subject: 'inspection',
    subjectId: record.id,
  }
  await expectFresh(deps.inspections.correct(record, statusAfterCorrection(body.correction), { trail: { node, unit, opinion: body.reason, at }, message }))
  const result = body.correction === 'revoke' ? '已撤销' : '重新审核'
  await notifyMember(deps.notices, record.memberNo, decisionNotice(message, `${record.year}年度${INSPECTION_KIND_LABELS[record.kind]}`, result))
  return detailOf(deps, (await deps.inspections.get(record.memberNo, record.year))!)
}

export async function memberMessages(deps: InspectionDeps, caller: Caller) {
  const [items, unread] = await Promise.all([deps.messages.list(caller.username), deps.messages.countUnread(caller.username)])
  return { items, unread }
}

export async function readMessage(deps: InspectionDeps, caller: Caller, messageId: string) {
  if (!(await deps.messages.markRead(caller.username, messageId))) throw notFound('消息')
  return { unread: await deps.messages.countUnread(caller.username) }
}

export async function inspectionNotice(deps: InspectionDeps, caller: Caller) {
  const saved = await deps.settings.read(caller.associationCode)
  return {
    association: { code: caller.associationCode, name: associationName(caller.associationCode) },
    notice: saved?.notice ?? DEFAULT_NOTICE,
    version: saved?.version ?? 0,
    windows: settableWindowYears(deps.clock.now()).map((year) => {
      const custom = saved?.windows[year]
      return { year, ...(custom ?? defaultInspectionWindow(year)), custom: Boolean(custom) }
    }),
    uploads: openUploads(saved),
  }
}

/** Saves the notice and, when sent, the application window of one 年检年度 (the current one or the next). */
export async function saveInspectionNotice(deps: InspectionDeps, caller: Caller, input: z.output<typeof NoticeRequest>) {
  const saved = await deps.settings.read(caller.associationCode)
  const windows = { ...saved?.windows }
  if (input.windowYear !== undefined || input.opensOn !== undefined || input.closesOn !== undefined) {
    const { windowYear, opensOn, closesOn } = input
    const missing = {
      ...(windowYear === undefined && { windowYear: '请选择年检年度' }),
      ...(!opensOn && { opensOn: '请填写开始日期' }),
      ...(!closesOn && { closesOn: '请填写截止日期' }),
    }
    if (windowYear === undefined || !opensOn || !closesOn) throw new AppError('VALIDATION_FAILED', Object.values(missing)[0]!, missing)
    const settable = settableWindowYears(deps.clock.now())
    if (!settable.includes(windowYear)) {
      const message = `只能设置${settable.join('、')}年度的年检申请时间`
      throw new AppError('VALIDATION_FAILED', message, { windowYear: message })
    }
    const problems = windowProblems(windowYear, { opensOn, closesOn })
    const first = Object.values(problems)[0]
    if (first) throw new AppError('VALIDATION_FAILED', first, problems)
    windows[windowYear] = { opensOn, closesOn }
  }
  const by = { username: caller.username, at: deps.clock.now().toISOString() }
  const uploads = input.uploads ?? openUploads(saved)
  await expectFresh(deps.settings.save(caller.associationCode, { notice: input.notice, windows, uploads }, by, input.version))
  return inspectionNotice(deps, caller)
}

/**
 * 完善信息 before the member has typed anything starts from what the member record already holds,
 * so nobody types their phone, email or work unit a second time.
 */
function knownInfo(member: MemberRecord): MemberInfoDraft {
  const education = (EDUCATION_LEVELS as readonly string[]).includes(member.education ?? '') ? member.education : undefined
  return {
    contact: { ...(member.phone && /^1\d{10}$/.test(member.phone) ? { mobile: member.phone } : {}), ...(member.email ? { email: member.email } : {}) },
    work: member.workUnit ? { workUnit: member.workUnit } : {},
    education: education ? { education } : {},
  }
}

/** What the member's screen shows, with the version its next save must name. */
async function infoView(deps: InspectionDeps, caller: Caller, { saved, savedAt, draft, version }: SavedMemberInfo) {
  const initial = saved || draft ? draft : knownInfo(await ownMember(deps.accounts, caller))
  return { saved, draft: initial, savedAt, complete: saved !== null, version }
}

export async function memberInfo(deps: InspectionDeps, caller: Caller) {
  return infoView(deps, caller, await deps.memberInfo.read(caller.username))
}

const INFO_CHANGED = '完善信息已在其他设备上修改，请刷新后再保存'

export async function saveMemberInfoDraft(deps: InspectionDeps, caller: Caller, { version, ...draft }: MemberInfoDraft & { version: number }) {
  const stored = await expectFresh(deps.memberInfo.saveDraft(caller.username, draft, deps.clock.now().toISOString(), version), INFO_CHANGED)
  return infoView(deps, caller, stored)
}

export async function saveMemberInfo(deps: InspectionDeps, caller: Caller, { version, ...info }: MemberInfoData & { version: number }) {
  const stored = await expectFresh(deps.memberInfo.save(caller.username, info, deps.clock.now().toISOString(), version), INFO_CHANGED)
  return infoView(deps, caller, stored)
}
