import { randomBytes } from 'node:crypto'
import type * as z from 'zod'
import type {
  DecisionRequest,
  HistoryQuery,
  InspectionDetail,
  InspectionOverview,
  InspectionSummary,
  Materials,
  MemberInfo as MemberInfoData,
  MemberInfoDraft,
  MemberMessage,
} from '../../shared/api/inspection-schemas'
import { associationName } from '../../shared/associations'
import {
  APPLY_SUCCESS_TEXT,
  applyBlockers,
  canSubmit,
  currentInspectionYear,
  DEFAULT_NOTICE,
  deferralBlockers,
  HOME_BADGES,
  INSPECTION_KIND_LABELS,
  inspectionStatusLabel,
  MATERIAL_PURPOSES,
  parseInspectionId,
  statusAfter,
  trailNode,
  type InspectionKind,
} from '../../shared/inspection'
import { maskIdNumber, maskPhone } from '../../shared/mask'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { readFee, readFeeStatus } from '../adapters/fee'
import { memberHoursStanding } from '../adapters/hours'
import * as store from '../adapters/inspection-dynamo'
import { keys } from '../adapters/dynamo'
import { listTrail } from '../adapters/trail'
import type { Caller } from '../auth/tokens'
import { AppError, forbidden, notFound } from '../http/errors'
import { filesOf, type InspectionRecord, type StoredFile } from '../adapters/inspection-dynamo'
import type { MemberRecord } from '../ports/accounts'
import { presignDownload } from '../adapters/uploads'

export function summaryOf(record: InspectionRecord): InspectionSummary {
  return {
    id: record.id,
    year: record.year,
    kind: record.kind,
    kindLabel: INSPECTION_KIND_LABELS[record.kind],
    status: record.status,
    statusLabel: inspectionStatusLabel(record.kind, record.status),
    returnReason: record.status === 'returned' ? (record.returnReason ?? null) : null,
    submittedAt: record.submittedAt ?? null,
    decidedAt: record.decidedAt ?? null,
  }
}

export async function memberOf(caller: Caller): Promise<MemberRecord> {
  const member = await dynamoAccountStore.getMember(caller.username)
  if (!member) throw new AppError('NOT_FOUND', '会员信息不存在，请联系所属注协')
  return member
}

export async function inspectionOverview(caller: Caller): Promise<InspectionOverview> {
  const memberNo = caller.username
  const year = currentInspectionYear()
  const [hours, feeRecord, records, unreadMessages, info] = await Promise.all([
    memberHoursStanding(memberNo, year),
    readFee(memberNo, year),
    store.listInspections(memberNo),
    store.countUnread(memberNo),
    store.readMemberInfo(memberNo),
  ])
  const current = records.find((record) => record.year === year)
  const materials = await materialsOf(current)
  const fee = feeRecord.status
  const passedYears = records.filter((record) => record.status === 'passed' && record.kind === 'inspection').map((record) => record.year)
  return {
    year,
    lastInspectionYear: passedYears.length ? Math.max(...passedYears) : null,
    hours,
    fee,
    feeAmountFen: feeRecord.amountFen,
    feeRejectReason: fee === '去支付' ? (feeRecord.rejectReason ?? null) : null,
    application: current ? summaryOf(current) : null,
    blockers: applyBlockers({ hours, fee, infoComplete: info.saved !== null, status: current?.status, kind: current?.kind }),
    deferralBlockers: deferralBlockers(current?.status),
    homeBadge: current ? HOME_BADGES[current.status] : null,
    unreadMessages,
    materials,
    infoComplete: info.saved !== null,
  }
}

function filesWithUrls(files: StoredFile[]) {
  return Promise.all(files.map(async ({ key, ...file }) => ({ ...file, url: await presignDownload(key) })))
}

export async function materialsOf(record: InspectionRecord | undefined): Promise<Materials> {
  const [inspection, deferral] = await Promise.all(MATERIAL_PURPOSES.map((purpose) => filesWithUrls(filesOf(record, purpose))))
  return { inspection: inspection!, deferral: deferral! }
}

async function noticeOf(associationCode: string): Promise<string> {
  return (await store.readNotice(associationCode))?.notice ?? DEFAULT_NOTICE
}

/**
 * Submits this year's inspection or deferral. The rules are checked on what was read and the
 * write is conditional on that same state, so a double submit or a fee change in between is refused.
 */
export async function submitApplication(caller: Caller, input: { year: number; kind: InspectionKind; deferralReason?: string }) {
  const year = currentInspectionYear()
  if (input.year !== year) {
    throw new AppError('VALIDATION_FAILED', `只能申请本年度（${year}年度）的年检`, { year: `只能申请本年度（${year}年度）的年检` })
  }
  const member = await memberOf(caller)
  const [hours, fee, existing, info] = await Promise.all([
    memberHoursStanding(member.memberNo, year),
    readFeeStatus(member.memberNo, year),
    store.getInspection(member.memberNo, year),
    store.readMemberInfo(member.memberNo),
  ])
  if (!canSubmit(existing?.status)) {
    throw new AppError('CONFLICT', existing?.status === 'pending' ? '本年度申请已提交，正在审核中，请勿重复提交' : '本年度年检申请已办结')
  }
  if (input.kind === 'inspection') {
    const blockers = applyBlockers({ hours, fee, infoComplete: info.saved !== null, status: existing?.status })
    if (blockers.length) throw new AppError('VALIDATION_FAILED', blockers.join('；'))
  } else if (filesOf(existing, 'deferral').length === 0) {
    throw new AppError('VALIDATION_FAILED', '请上传暂缓证明材料', { materials: '请上传暂缓证明材料' })
  }
  const at = new Date().toISOString()
  await store.submit({
    memberNo: member.memberNo,
    year,
    kind: input.kind,
    associationCode: member.associationCode,
    memberName: member.name,
    expectedVersion: existing?.version,
    deferralReason: input.deferralReason,
    trail: { node: trailNode(input.kind, 'submit'), unit: `非执业会员 ${member.name}`, opinion: input.deferralReason ?? '提交申请', at },
  })
  const saved = await store.getInspection(member.memberNo, year)
  return { application: summaryOf(saved!), successText: APPLY_SUCCESS_TEXT, notice: await noticeOf(member.associationCode) }
}

/** Finds an inspection the caller may see: members their own (else 404), local staff their association's (else 403). */
async function visibleRecord(caller: Caller, id: string): Promise<InspectionRecord> {
  const parsed = parseInspectionId(id)
  if (!parsed) throw notFound('年检申请')
  if (caller.role === 'member' && parsed.memberNo !== caller.username) throw notFound('年检申请')
  const record = await store.getInspection(parsed.memberNo, parsed.year)
  if (!record || record.status === 'draft') throw notFound('年检申请')
  if (caller.role === 'local_staff' && record.associationCode !== caller.associationCode) throw forbidden()
  return record
}

async function detailOf(record: InspectionRecord): Promise<InspectionDetail> {
  const [member, hours, fee, trail, files] = await Promise.all([
    dynamoAccountStore.getMember(record.memberNo),
    memberHoursStanding(record.memberNo, record.year),
    readFeeStatus(record.memberNo, record.year),
    listTrail(keys.inspectionTrail(record.id)),
    filesWithUrls(filesOf(record, record.kind)),
  ])
  if (!member) throw notFound('会员')
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

export async function inspectionDetail(caller: Caller, id: string): Promise<InspectionDetail> {
  return detailOf(await visibleRecord(caller, id))
}

export async function inspectionHistory(caller: Caller, query: z.output<typeof HistoryQuery>) {
  const records = await store.listInspections(caller.username)
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

export async function decideApplication(caller: Caller, id: string, body: z.output<typeof DecisionRequest>) {
  const record = await visibleRecord(caller, id)
  if (record.status !== 'pending') throw new AppError('CONFLICT', `该申请已办理（${inspectionStatusLabel(record.kind, record.status)}），请刷新后查看`)
  if (record.version !== body.version) throw new AppError('CONFLICT', '申请人已重新提交，请刷新后重新审核')
  const at = new Date().toISOString()
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
  await store.decide({
    record,
    status: statusAfter(body.decision),
    returnReason: body.decision === 'return' ? body.opinion : undefined,
    trail: { node, unit, opinion, at },
    message,
  })
  return detailOf((await store.getInspection(record.memberNo, record.year))!)
}

export async function memberMessages(caller: Caller) {
  const [items, unread] = await Promise.all([store.listMessages(caller.username), store.countUnread(caller.username)])
  return { items, unread }
}

export async function readMessage(caller: Caller, messageId: string) {
  if (!(await store.markRead(caller.username, messageId))) throw notFound('消息')
  return { unread: await store.countUnread(caller.username) }
}

export async function inspectionNotice(caller: Caller) {
  const saved = await store.readNotice(caller.associationCode)
  return {
    association: { code: caller.associationCode, name: associationName(caller.associationCode) },
    notice: saved?.notice ?? DEFAULT_NOTICE,
    version: saved?.version ?? 0,
  }
}

export async function saveInspectionNotice(caller: Caller, input: { notice: string; version: number }) {
  await store.saveNotice(caller.associationCode, input.notice, caller.username, input.version)
  return inspectionNotice(caller)
}

export async function memberInfo(caller: Caller) {
  const { saved, savedAt, draft } = await store.readMemberInfo(caller.username)
  return { saved, draft, savedAt, complete: saved !== null }
}

export async function saveMemberInfoDraft(caller: Caller, draft: MemberInfoDraft) {
  await store.saveInfoDraft(caller.username, draft)
  return memberInfo(caller)
}

export async function saveMemberInfo(caller: Caller, info: MemberInfoData) {
  await store.saveInfo(caller.username, info)
  return memberInfo(caller)
}
