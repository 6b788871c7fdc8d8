import { createHash, randomBytes } from 'node:crypto'
import type * as z from 'zod'
import {
  CLAIM_STATUS_LABELS,
  type ClaimDetail,
  type ClaimKind,
  type ExemptionClaimRequest,
  type HoursClaim,
  type OutputClaimRequest,
} from '../../shared/api/education-schemas'
import type { DecisionRequest } from '../../shared/api/inspection-schemas'
import { associationName } from '../../shared/associations'
import { chinaDate } from '../../shared/china-time'
import {
  claimableYears,
  creditOutputHours,
  exemptionHours,
  exemptionMonths,
  exemptionReasonLabel,
  monthRangeText,
  monthsWithinYear,
  outputCategory,
  outputRule,
  sharedExemptionMonths,
  type ExemptionPeriod,
  type OutputCategoryCode,
} from '../../shared/education'
import { REQUIRED_HOURS_PER_YEAR } from '../../shared/hours'
import { learningYearAt } from '../../shared/calendar'
import { MATERIAL_LIMITS, materialContentType } from '../../shared/inspection'
import type { Caller } from '../auth/tokens'
import type { AccountStore } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { FileStore } from '../ports/files'
import type { WechatNotices } from '../ports/subscriptions'
import {
  claimIdPrefix,
  memberNoOfClaim,
  type ClaimCredit,
  type ClaimDecision,
  type HoursClaims,
  type StoredClaim,
  type StoredProof,
} from '../ports/hours-claims'
import { AppError, forbidden, notFound } from './errors'
import { MATERIAL_FILE_TYPES, materialLabel, verifyMaterialUpload } from './inspection-files'
import { ownMember } from './credentials'
import { messageId } from './inspection'
import { decisionNotice, notifyMember } from './subscriptions'
import { attachEach, presignFor } from './uploads'

export interface ClaimDeps {
  claims: HoursClaims
  files: FileStore
  accounts: AccountStore
  notices: WechatNotices
  clock: Clock
}

/** 证明材料 follow the inspection materials' rules: pdf/jpg/png/xls, at most 5, each ≤ 5 MB. */
const PROOF_LIMITS = MATERIAL_LIMITS.inspection
const proofPrefix = (memberNo: string) => `education/${memberNo}/proofs`

function refuse(field: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { [field]: message })
}

/** The schema has held the declared size to `PROOF_LIMITS` already. */
export async function presignProof(deps: ClaimDeps, caller: Caller, body: { fileName: string }) {
  return presignFor(deps.files, {
    keyPrefix: proofPrefix(caller.username),
    maxBytes: PROOF_LIMITS.maxBytes,
    allowedTypes: MATERIAL_FILE_TYPES,
    contentType: materialContentType(body.fileName)!,
  })
}

/** Every proof must be the caller's own fresh upload, checked in S3 before the claim is stored. */
async function verifiedProofs(deps: ClaimDeps, caller: Caller, proofs: readonly { key: string; fileName: string }[]): Promise<StoredProof[]> {
  const keys = new Set<string>()
  const verified: StoredProof[] = []
  for (const [index, proof] of proofs.entries()) {
    const field = `proofs.${index}.key`
    if (!proof.key.startsWith(deps.files.pendingPrefix(proofPrefix(caller.username)))) throw refuse(field, `附件“${proof.fileName}”不存在，请重新上传`)
    if (keys.has(proof.key)) throw refuse(field, `附件“${proof.fileName}”重复`)
    keys.add(proof.key)
    const { size } = await verifyMaterialUpload(deps.files, proof.key, proof.fileName, PROOF_LIMITS.maxBytes, field)
    verified.push({ key: proof.key, fileName: proof.fileName, size })
  }
  return verified
}

const digest = (...parts: readonly (string | number)[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
const newClaimId = (memberNo: string, at: Date) => `${claimIdPrefix(memberNo)}${at.getTime().toString(36)}${randomBytes(3).toString('hex')}`

function assertClaimableYear(deps: ClaimDeps, year: number, field: string, label: string) {
  const years = claimableYears(learningYearAt(deps.clock.now()))
  if (!years.includes(year)) throw refuse(field, `${label}须在${years.join('年或')}年内`)
}

async function submit(
  deps: ClaimDeps,
  caller: Caller,
  draft: Omit<
    StoredClaim,
    | 'id'
    | 'memberNo'
    | 'memberName'
    | 'associationCode'
    | 'status'
    | 'submittedAt'
    | 'decidedAt'
    | 'version'
    | 'creditedHours'
    | 'capNote'
    | 'returnReason'
    | 'proofs'
  >,
  proofs: readonly { key: string; fileName: string }[],
  inboxSubtitle: string,
) {
  const member = await ownMember(deps.accounts, caller)
  const now = deps.clock.now()
  const stored: StoredClaim = {
    ...draft,
    id: newClaimId(member.memberNo, now),
    memberNo: member.memberNo,
    memberName: member.name,
    associationCode: member.associationCode,
    status: 'pending',
    submittedAt: now.toISOString(),
    decidedAt: null,
    version: 1,
    creditedHours: null,
    capNote: null,
    returnReason: null,
    proofs: await verifiedProofs(deps, caller, proofs),
  }
  const uploads = stored.proofs.map((proof, index) => ({ key: proof.key, label: materialLabel(proof.fileName), field: `proofs.${index}.key` }))
  const created = await attachEach(deps.files, uploads, async (attachedKeys) => {
    const claim = { ...stored, proofs: stored.proofs.map((proof, index) => ({ ...proof, key: attachedKeys[index]! })) }
    const outcome = await deps.claims.create(
      claim,
      { title: member.name, subtitle: `${inboxSubtitle} · ${member.memberNo}` },
      {
        node: draft.kind === 'output' ? '会员提交产出式学时申请' : '会员提交减免学时申请',
        unit: associationName(member.associationCode),
        opinion: draft.title,
        at: stored.submittedAt,
      },
    )
    // Lost to a claim for the same months sent at the same moment: say which one.
    if (outcome === 'months-taken' && claim.exemption)
      await refuseOverlap(deps, member.memberNo, { from: claim.exemption.periodFrom, to: claim.exemption.periodTo, year: claim.year })
    if (outcome !== 'created') throw new AppError('CONFLICT', '已提交过相同的申请（审核中或已通过），请勿重复提交')
    return claim
  })
  return claimDetailOf(deps, created)
}

export async function submitOutputClaim(deps: ClaimDeps, caller: Caller, body: z.output<typeof OutputClaimRequest>) {
  if (body.activityDate > chinaDate(deps.clock.now())) throw refuse('activityDate', '取得日期不能晚于今天')
  const year = Number(body.activityDate.slice(0, 4))
  assertClaimableYear(deps, year, 'activityDate', '取得日期')
  const category = outputCategory(body.category)
  const requested = creditOutputHours(category, body.quantity, 0).requested
  return submit(
    deps,
    caller,
    {
      kind: 'output',
      year,
      title: body.title,
      summary: `${category.name}（${outputRule(category)}）`,
      description: body.description,
      requestedHours: requested,
      output: { category: body.category, categoryName: category.name, rule: outputRule(category), quantity: body.quantity, activityDate: body.activityDate },
      exemption: null,
      dedupeKey: digest('output', body.category, body.title.toLowerCase(), body.activityDate),
    },
    body.proofs,
    `${year}年度 · 产出式 ${requested}学时`,
  )
}

/**
 * Refuses an exemption that would reduce a month a pending or approved exemption of the member
 * already reduces, naming that claim; the month items it reads are the ones the claim's own
 * transaction creates, so this names the winner of a race too.
 */
async function refuseOverlap(deps: ClaimDeps, memberNo: string, claimed: ExemptionPeriod & { year: number }) {
  const holders = await deps.claims.exemptionMonthHolders(memberNo, claimed.year)
  const held = exemptionMonths(claimed, claimed.year).find((month) => holders.has(month))
  if (!held) return
  const other = await deps.claims.get(holders.get(held)!)
  const message = other?.exemption
    ? `减免期间与${other.year}年度减免学时申请（${other.exemption.periodFrom} 至 ${other.exemption.periodTo}，${CLAIM_STATUS_LABELS[other.status]}）重叠：${monthRangeText(
        sharedExemptionMonths(claimed, { from: other.exemption.periodFrom, to: other.exemption.periodTo, year: other.year }),
      )}已申请减免，同一月份只能减免一次`
    : `${monthRangeText([held])}已申请减免，同一月份只能减免一次`
  throw new AppError('CONFLICT', message, { periodFrom: message })
}

export async function submitExemptionClaim(deps: ClaimDeps, caller: Caller, body: z.output<typeof ExemptionClaimRequest>) {
  assertClaimableYear(deps, body.year, 'year', '减免年度')
  if (monthsWithinYear(body.periodFrom, body.periodTo, body.year) === 0) throw refuse('periodFrom', `减免期间须在${body.year}年度内`)
  const claimed = { from: body.periodFrom, to: body.periodTo, year: body.year }
  await refuseOverlap(deps, caller.username, claimed)
  const requested = exemptionHours(body.periodFrom, body.periodTo, body.year, REQUIRED_HOURS_PER_YEAR)
  const reasonLabel = exemptionReasonLabel(body.reason)
  return submit(
    deps,
    caller,
    {
      kind: 'exemption',
      year: body.year,
      title: `${body.year}年度减免学时：${reasonLabel}`,
      summary: `${body.periodFrom} 至 ${body.periodTo}`,
      description: body.description,
      requestedHours: requested,
      output: null,
      exemption: { reason: body.reason, reasonLabel, periodFrom: body.periodFrom, periodTo: body.periodTo },
      dedupeKey: digest('exemption', body.year, body.periodFrom, body.periodTo),
    },
    body.proofs,
    `${body.year}年度 · 减免 ${requested}学时`,
  )
}

function publicClaim(stored: StoredClaim): HoursClaim {
  const { memberNo: _m, memberName: _n, associationCode: _a, proofs: _p, dedupeKey: _d, ...claim } = stored
  return { ...claim, statusLabel: CLAIM_STATUS_LABELS[claim.status] }
}

export async function listClaims(deps: ClaimDeps, caller: Caller, kind?: ClaimKind) {
  const claims = await deps.claims.ofMember(caller.username)
  return { claims: claims.filter((claim) => !kind || claim.kind === kind).map(publicClaim) }
}

async function claimDetailOf(deps: ClaimDeps, stored: StoredClaim): Promise<ClaimDetail> {
  const [proofs, trail, categoryCreditedInYear] = await Promise.all([
    Promise.all(stored.proofs.map(async (proof) => ({ fileName: proof.fileName, size: proof.size, url: await deps.files.presignDownload(proof.key) }))),
    deps.claims.trail(stored.id),
    stored.output ? deps.claims.categoryCredited(stored.memberNo, stored.year, stored.output.category) : Promise.resolve(null),
  ])
  return {
    claim: publicClaim(stored),
    member: {
      memberNo: stored.memberNo,
      name: stored.memberName,
      association: { code: stored.associationCode, name: associationName(stored.associationCode) },
    },
    proofs,
    categoryCreditedInYear,
    trail,
  }
}

/** The member sees only their own claims (another member's id is 404); local staff only their association's. */
async function visibleClaim(deps: ClaimDeps, caller: Caller, id: string): Promise<StoredClaim> {
  if (caller.role === 'member' && memberNoOfClaim(id) !== caller.username) throw notFound('申请')
  const stored = await deps.claims.get(id)
  if (!stored) throw notFound('申请')
  if (caller.role !== 'member' && stored.associationCode !== caller.associationCode) throw forbidden()
  return stored
}

export async function claimDetail(deps: ClaimDeps, caller: Caller, id: string) {
  return claimDetailOf(deps, await visibleClaim(deps, caller, id))
}

/**
 * 地方注协审核: approving credits the hours — output-based ones within what is left of the
 * category's yearly cap (the note says so when the cap bites), exemptions as requested.
 */
export async function decideClaim(deps: ClaimDeps, caller: Caller, id: string, body: z.output<typeof DecisionRequest>) {
  const current = await visibleClaim(deps, caller, id)
  if (current.status !== 'pending') throw new AppError('CONFLICT', `该申请已处理（${CLAIM_STATUS_LABELS[current.status]}），请刷新后查看`)
  if (current.version !== body.version) throw new AppError('CONFLICT', '该申请已被修改，请刷新后重新审核')
  const at = deps.clock.now().toISOString()
  const unit = associationName(caller.associationCode)
  const label = current.kind === 'output' ? '产出式学时' : '减免学时'
  const decided = (status: ClaimDecision['status'], creditedHours: number | null, capNote: string | null): ClaimDecision => ({
    status,
    creditedHours,
    capNote,
    returnReason: status === 'returned' ? body.opinion : null,
    decidedAt: at,
    decidedBy: caller.displayName,
  })
  const record = async (decision: ClaimDecision, node: string, trailOpinion: string, told: { outcome: string; opinion: string }, credit?: ClaimCredit) => {
    const message = {
      id: messageId(at),
      title: `您的${label}申请“${current.title}”${told.outcome}`,
      node,
      unit,
      opinion: told.opinion,
      at,
      read: false,
      subject: 'hours_claim' as const,
      subjectId: current.id,
    }
    const outcome = await deps.claims.decide(current, decision, { trail: { node, unit, opinion: trailOpinion, at }, message, ...(credit ? { credit } : {}) })
    if (outcome === 'claim-changed') throw new AppError('CONFLICT', '该申请已被他人审核或修改，请刷新后查看')
    if (outcome === 'total-changed') throw new AppError('CONFLICT', '该会员同类别学时刚有其他申请获认可，请重新审核')
    await notifyMember(
      deps.notices,
      current.memberNo,
      decisionNotice(message, `${label}申请“${current.title}”`, decision.status === 'approved' ? '已通过' : '已退回'),
    )
    return claimDetail(deps, caller, id)
  }
  if (body.decision === 'return') {
    return record(decided('returned', null, null), `地方注协退回${label}申请`, body.opinion, { outcome: '已退回', opinion: body.opinion })
  }
  const node = `地方注协审核通过${label}申请`
  if (current.output) {
    const category = outputCategory(current.output.category as OutputCategoryCode)
    const before = await deps.claims.categoryCredited(current.memberNo, current.year, category.code)
    const credit = creditOutputHours(category, current.output.quantity, before)
    return record(
      decided('approved', credit.credited, credit.capNote),
      node,
      body.opinion || `认可${credit.credited}学时`,
      { outcome: `已通过，认可${credit.credited}学时`, opinion: credit.capNote ?? (body.opinion || '同意') },
      {
        hours: {
          id: `output#${current.id}`,
          year: current.year,
          source: 'output',
          hours: credit.credited,
          title: current.title,
          detail: credit.capNote ?? current.output.categoryName,
          at,
          category: category.code,
        },
        categoryTotal: { category: category.code, before, after: before + credit.credited },
      },
    )
  }
  const exemption = current.exemption!
  return record(
    decided('approved', current.requestedHours, null),
    node,
    body.opinion || `减免${current.requestedHours}学时`,
    { outcome: '已通过', opinion: body.opinion || `本年度应完成学时减少${current.requestedHours}学时` },
    {
      hours: {
        id: `exemption#${current.id}`,
        year: current.year,
        source: 'exemption',
        hours: current.requestedHours,
        period: { from: exemption.periodFrom, to: exemption.periodTo },
        title: current.title,
        detail: current.summary,
        at,
      },
    },
  )
}
