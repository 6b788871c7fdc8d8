import { associationName } from '../../shared/associations'
import type { CredentialKind, InspectionQrResponse, MemberCardResponse, VerificationResponse } from '../../shared/api/credential-schemas'
import { inspectionStatusLabel, parseInspectionId } from '../../shared/inspection'
import { maskName } from '../../shared/mask'
import { INVALID_CODE_HEADLINE } from '../../shared/qr-token'
import { signCredential, verifyCredential, type VerifyFailure } from '../auth/qr-signing'
import type { Caller } from '../auth/tokens'
import type { AccountStore, MemberRecord } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { HoursLedger } from '../ports/hours'
import type { InspectionRecord, InspectionStore } from '../ports/inspections'
import type { RateLimits } from '../ports/rate-limits'
import { AppError } from './errors'
import { yearHours } from './hours-summary'
import { withinRateLimit } from './rate-limits'
import { sealSvgDataUrl } from './seal'

export interface CredentialDeps {
  accounts: Pick<AccountStore, 'getMember'>
  inspections: Pick<InspectionStore, 'get' | 'list'>
  hours: Pick<HoursLedger, 'rowsOfYear'>
  rateLimits: RateLimits
  clock: Clock
}

const CODE_VALID_DAYS = 365
const VERIFY_LIMIT = { bucket: 'verify', limit: 60, windowSeconds: 60 }
const MEMBER_STATUS_LABELS: Record<MemberRecord['status'], string> = { active: '正常', suspended: '暂停', revoked: '已撤销' }

/** Where the QR points: the public verification page of the H5 build (any phone camera can open it). */
function verificationUrl(token: string): string {
  const page = process.env.VERIFY_PAGE_URL ?? 'http://127.0.0.1:8080/#/pages/verify/index'
  return `${page}${page.includes('?') ? '&' : '?'}t=${token}`
}

export async function issueCredential(clock: Clock, kind: CredentialKind, memberNo: string, year?: number) {
  const now = Math.floor(clock.now().getTime() / 1000)
  const token = signCredential({ typ: kind, m: memberNo, ...(year ? { y: year } : {}), iat: now, exp: now + CODE_VALID_DAYS * 86_400 })
  const url = verificationUrl(token)
  // Loaded by the routes that draw a code, not by verification, the busiest route of this function.
  const { default: QRCode } = await import('qrcode')
  // Medium error correction survives a creased printout or a phone screen's glare.
  const image = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
  return { token, url, image }
}

export async function ownMember(accounts: Pick<AccountStore, 'getMember'>, caller: Caller): Promise<MemberRecord> {
  const member = await accounts.getMember(caller.username)
  if (!member) throw new AppError('NOT_FOUND', '会员信息不存在，请联系所属注协')
  return member
}

function inspectionResult(member: MemberRecord, record: InspectionRecord | undefined) {
  if (member.status !== 'active') return { result: `会员资格${MEMBER_STATUS_LABELS[member.status]}`, inGoodStanding: false }
  if (!record) return { result: '无年检记录', inGoodStanding: false }
  return { result: inspectionStatusLabel(record.kind, record.status), inGoodStanding: record.kind === 'inspection' && record.status === 'passed' }
}

/** The member's own submitted inspection of the year `id` names; another member's is as unknown as a missing one. */
async function ownInspection(deps: CredentialDeps, memberNo: string, id: string): Promise<InspectionRecord> {
  const parsed = parseInspectionId(id)
  const record = parsed?.memberNo === memberNo ? await deps.inspections.get(memberNo, parsed.year) : undefined
  if (!record || record.status === 'draft') throw new AppError('NOT_FOUND', '没有该年度的年检记录')
  return record
}

/** 年检二维码 of the year `id` names (历年年检结果查询), else of the latest year with an application. */
export async function myInspectionQr(deps: CredentialDeps, caller: Caller, id: string | undefined): Promise<InspectionQrResponse> {
  const member = await ownMember(deps.accounts, caller)
  const record = id
    ? await ownInspection(deps, member.memberNo, id)
    : (await deps.inspections.list(member.memberNo)).find((candidate) => candidate.status !== 'draft')
  if (!record) throw new AppError('NOT_FOUND', '暂无年检记录：提交年检申请后即可查看年检二维码')
  return {
    ...(await issueCredential(deps.clock, 'inspection', member.memberNo, record.year)),
    nameMasked: maskName(member.name),
    association: associationName(member.associationCode),
    year: record.year,
    ...inspectionResult(member, record),
  }
}

export async function myMemberCard(deps: CredentialDeps, caller: Caller): Promise<MemberCardResponse> {
  const member = await ownMember(deps.accounts, caller)
  const association = associationName(member.associationCode)
  const { url, image } = await issueCredential(deps.clock, 'membership', member.memberNo)
  return {
    name: member.name,
    memberNo: member.memberNo,
    association,
    joinDate: member.joinDate,
    status: MEMBER_STATUS_LABELS[member.status],
    seal: sealSvgDataUrl(association),
    qr: { url, image },
    issuedAt: deps.clock.now().toISOString(),
  }
}

const FAILURE_HEADLINES: Record<VerifyFailure, string> = {
  malformed: INVALID_CODE_HEADLINE,
  unknown_key: '二维码无效：不是本系统签发的二维码',
  bad_signature: '二维码无效：签名校验失败，内容可能被篡改',
  expired: '二维码无效：二维码已过期，请会员重新出示',
}

/**
 * Checks the signature, then the member's current state: a code issued before a return, a
 * deferral or a revocation shows that state, not what was true when it was printed.
 */
export async function verifyCode(deps: CredentialDeps, token: string, sourceIp: string, caller: Caller | null): Promise<VerificationResponse> {
  const now = deps.clock.now()
  await withinRateLimit(deps.rateLimits, VERIFY_LIMIT, sourceIp, now)
  const checkedAt = now.toISOString()
  const verified = verifyCredential(token)
  if (!verified.ok) return { genuine: false, headline: FAILURE_HEADLINES[verified.reason], credential: null, staff: null, checkedAt }

  const { typ, m: memberNo, y: year } = verified.payload
  const member = await deps.accounts.getMember(memberNo)
  if (!member) return { genuine: false, headline: '二维码无效：会员不存在', credential: null, staff: null, checkedAt }
  // A strongly consistent read of that one year: a correction made a moment ago already shows.
  const record = typ === 'inspection' && year !== undefined ? await deps.inspections.get(memberNo, year) : undefined
  const hours = typ === 'hours' && year !== undefined ? yearHours(await deps.hours.rowsOfYear(memberNo, year), year) : null
  const standing =
    typ === 'inspection'
      ? inspectionResult(member, record)
      : hours
        ? hoursResult(member, hours)
        : { result: `会员资格${MEMBER_STATUS_LABELS[member.status]}`, inGoodStanding: member.status === 'active' }
  const mayAct = caller && (caller.role === 'cicpa_staff' || (caller.role === 'local_staff' && caller.associationCode === member.associationCode))
  return {
    genuine: true,
    headline: standing.inGoodStanding ? '二维码有效' : `二维码有效，但${standing.result}`,
    credential: {
      kind: typ,
      nameMasked: maskName(member.name),
      association: associationName(member.associationCode),
      year: year ?? null,
      ...standing,
      hours: hours && {
        required: hours.required,
        done: hours.done,
        missing: hours.missing,
        exempted: hours.exempted,
        bySource: hours.bySource.map(({ label, hours }) => ({ label, hours })),
      },
    },
    staff: mayAct ? { memberNo, inspectionId: record?.id ?? null } : null,
    checkedAt,
  }
}

/** A 学时证明 is good while the year's hours meet its requirement: the state now, not when it was printed. */
function hoursResult(member: MemberRecord, hours: ReturnType<typeof yearHours>) {
  if (member.status !== 'active') return { result: `会员资格${MEMBER_STATUS_LABELS[member.status]}`, inGoodStanding: false }
  if (hours.missing > 0) return { result: `${hours.year}年度学时未达要求，尚需${hours.missing}学时`, inGoodStanding: false }
  return { result: `${hours.year}年度学时已达要求`, inGoodStanding: true }
}
