import { createHash, randomInt, randomUUID } from 'node:crypto'
import {
  ADMISSION_STAGE_LABELS,
  BUSINESS_NO_PATTERN,
  eligibilityProblems,
  formatBusinessNo,
  formatMemberNo,
  memberNoPrefix,
  type AdmissionStage,
  type Decision,
} from '../../shared/admission'
import type { ApplicationFields, ProgressResponse } from '../../shared/api/admission-schemas'
import type { SubscribeResult } from '../../shared/api/subscription-schemas'
import { chinaDate } from '../../shared/china-time'
import { PHOTO_MAX_BYTES } from '../../shared/api/admission-schemas'
import { associationName, CICPA_CODE } from '../../shared/associations'
import { maskName } from '../../shared/mask'
import { hashSecret, randomInitialPassword } from '../auth/passwords'
import { ExpiredToken, signJwt, verifyJwt } from '../auth/jwt'
import { identityDigest, seal, unseal } from '../auth/sealed'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import type { CaptchaStore } from '../ports/captchas'
import { accountIdOf, type Account, type AccountStore, type MemberRecord } from '../ports/accounts'
import type { AdmissionDecision, AdmissionInbox, AdmissionStore, ApplicantConsent, NewMember, StoredApplication } from '../ports/admissions'
import { epochSeconds, type Clock } from '../ports/clock'
import { FILE_TYPES, type FileStore } from '../ports/files'
import type { IdempotencyClaim } from '../ports/idempotency'
import type { WechatIdentity } from '../ports/messaging'
import type { RateLimit, RateLimits } from '../ports/rate-limits'
import { applicationSubject, type WechatNotices } from '../ports/subscriptions'
import { consumeCaptcha } from './captcha'
import { AppError, changedMeanwhile, expectFresh, forbidden, notFound } from './errors'
import { withinRateLimit } from './rate-limits'
import { consentChanges, sendWithCredit } from './subscriptions'
import { acceptedUpload, attachEach, presignFor } from './uploads'

export interface AdmissionDeps {
  admissions: AdmissionStore
  captchas: CaptchaStore
  accounts: Pick<AccountStore, 'get'>
  files: FileStore
  rateLimits: RateLimits
  clock: Clock
  /** The applicant's WeChat: code2session at (re)submission, the decision's subscription message. */
  wechat: Pick<WechatNotices, 'credits' | 'wechat' | 'log'> & { identity: WechatIdentity }
}

/** What the mini-program sends with a (re)submission: a `wx.login` code and the answer to the subscription prompt. */
type ApplicantWechat = { code: string; results?: Record<string, SubscribeResult> } | undefined

const TICKET_SECONDS = 30 * 60
const TICKET_ISSUER = 'cicpa-admission'
const PHOTO_RULES = { maxBytes: PHOTO_MAX_BYTES, allowedTypes: [FILE_TYPES.jpg, FILE_TYPES.png], label: '照片', field: 'photoKey' }

/** Progress and member-number queries are public: per source IP, a few per window, so nobody can walk the numbers. */
export const PROGRESS_LIMIT: RateLimit = { bucket: 'admission-progress', limit: 20, windowSeconds: 10 * 60 }
export const LOOKUP_LIMIT: RateLimit = { bucket: 'member-number', limit: 10, windowSeconds: 10 * 60 }

const badCaptcha = () => new AppError('CAPTCHA_INVALID', '验证码错误或已过期，请点击图片刷新后重新输入', { captchaCode: '验证码错误或已过期' })

// ---------------------------------------------------------------------------------------------
// Applicant tickets: proof that this applicant passed the captcha (uploads, submit) or, bound to a
// business number, that they queried a returned application (resubmit).

interface Ticket {
  /** Uploads of this ticket live under admission/photos/<scope>/. */
  scope: string
  businessNo?: string
}

function issueTicket(clock: Clock, ticket: Ticket): string {
  return signJwt({ typ: 'admission-ticket', ...(ticket.businessNo ? { bno: ticket.businessNo } : {}) }, config.jwtSecret, {
    subject: ticket.scope,
    issuer: TICKET_ISSUER,
    seconds: TICKET_SECONDS,
    now: epochSeconds(clock.now()),
  })
}

function readTicket(clock: Clock, token: string, field: string): Ticket {
  try {
    const payload = verifyJwt(token, config.jwtSecret, { issuer: TICKET_ISSUER, now: epochSeconds(clock.now()) })
    if (payload.typ !== 'admission-ticket' || typeof payload.sub !== 'string' || !payload.sub) throw new Error('not a ticket')
    return { scope: payload.sub, ...(typeof payload.bno === 'string' ? { businessNo: payload.bno } : {}) }
  } catch (error) {
    // Only a genuine ticket that ran out is "expired": a forged or altered one is told it is invalid.
    const message =
      error instanceof ExpiredToken
        ? `验证信息已过期（${TICKET_SECONDS / 60}分钟），请重新验证后提交；已填写的内容会保留`
        : '验证信息无效，请重新验证后提交；已填写的内容会保留'
    throw new AppError('VALIDATION_FAILED', message, { [field]: message })
  }
}

const photoPrefix = (ticket: Ticket) => `admission/photos/${ticket.scope}`

export async function verifyApplicant(deps: AdmissionDeps, input: { captchaId: string; captchaCode: string }) {
  if (!(await consumeCaptcha(deps, input.captchaId, input.captchaCode))) throw badCaptcha()
  return { ticket: issueTicket(deps.clock, { scope: randomUUID() }), expiresInSeconds: TICKET_SECONDS }
}

export function photoUploadFor(deps: AdmissionDeps, input: { ticket: string; contentType: string }) {
  const ticket = readTicket(deps.clock, input.ticket, 'ticket')
  return presignFor(deps.files, { ...PHOTO_RULES, keyPrefix: photoPrefix(ticket), contentType: input.contentType })
}

function requireOwnPhoto(deps: AdmissionDeps, ticket: Ticket, photoKey: string, alreadyAttached?: string) {
  if (photoKey === alreadyAttached) return
  if (!photoKey.startsWith(deps.files.pendingPrefix(photoPrefix(ticket)))) {
    throw new AppError('VALIDATION_FAILED', '照片无效，请重新上传', { photoKey: '照片无效，请重新上传' })
  }
}

export async function checkPhoto(deps: AdmissionDeps, input: { ticket: string; key: string }) {
  const ticket = readTicket(deps.clock, input.ticket, 'ticket')
  requireOwnPhoto(deps, ticket, input.key)
  await acceptedUpload(deps.files, input.key, PHOTO_RULES)
  return { ok: true as const }
}

// ---------------------------------------------------------------------------------------------
// Submit and resubmit

function formOf<T extends ApplicationFields>(body: T): ApplicationFields {
  return {
    name: body.name,
    gender: body.gender,
    ethnicity: body.ethnicity,
    birthDate: body.birthDate,
    idType: body.idType,
    idNumber: body.idNumber,
    politicalStatus: body.politicalStatus,
    region: body.region,
    household: body.household,
    phone: body.phone,
    email: body.email || undefined,
    education: body.education,
    workUnit: body.workUnit,
    certificateNo: body.certificateNo,
    certificateDate: body.certificateDate,
    formerPractising: body.formerPractising,
    deregisteredOn: body.formerPractising ? body.deregisteredOn : undefined,
    associationCode: body.associationCode,
    photoKey: body.photoKey,
  }
}

/** Local staff of the chosen association review first; applicants from abroad choose CICPA, which then reviews both levels. */
const localScope = (application: Pick<ApplicationFields, 'associationCode'>) => application.associationCode

/** How an application is listed in the inbox of `scope`. */
export function admissionInbox(scope: string, application: Pick<StoredApplication, 'businessNo' | 'name' | 'associationCode'>): AdmissionInbox {
  return { scope, title: application.name, subtitle: `业务编号 ${application.businessNo} · ${associationName(application.associationCode)}` }
}

const submitted = (businessNo: string, stage: AdmissionStage) => ({ businessNo, stage, stageLabel: ADMISSION_STAGE_LABELS[stage] })

async function alreadyOpen(deps: AdmissionDeps, digest: string) {
  const open = await deps.admissions.openOf(digest)
  return new AppError(
    'CONFLICT',
    open ? `您已有一份尚未办结的入会申请（业务编号 ${open}），请通过进度查询了解进展，无需重复申请` : '您已有一份尚未办结的入会申请，无需重复申请',
  )
}

/** Seed 001's 5-year limits, counted to today in Beijing (the schema cannot know the day). */
function requireEligible(form: ApplicationFields, now: Date) {
  const problems = eligibilityProblems(form, chinaDate(now))
  const first = Object.values(problems)[0]
  if (first) throw new AppError('VALIDATION_FAILED', first, problems)
}

const alreadyMember = () =>
  new AppError('CONFLICT', '该证件号码已是非执业会员，无需再次申请；忘记会员编号可使用“非执业会员编号查询”', {
    idNumber: '该证件号码已是非执业会员',
  })

/** The `idempotency-key` header a creating request must carry (the client makes one per form and keeps it across retries). */
function requireIdempotencyKey(header: string | undefined): string {
  const key = header?.trim()
  if (!key || !/^[\w-]{8,100}$/.test(key)) throw new AppError('VALIDATION_FAILED', '请求缺少有效的 idempotency-key 请求头，请刷新页面后重试')
  return key
}

/** Tells a retry of the same request from a different request reusing the key. */
const fingerprintOf = (request: unknown) => createHash('sha256').update(JSON.stringify(request)).digest('base64url')

/** The answer an earlier submit with this key gave, if there was one. */
async function earlierAnswer(deps: AdmissionDeps, idempotency: IdempotencyClaim) {
  const earlier = await deps.admissions.earlierSubmit(idempotency)
  if (earlier.found === 'mismatch') throw new AppError('CONFLICT', '该请求标识已用于另一份不同的提交，请刷新页面后重试')
  return earlier.found === 'result' ? submitted(earlier.result.businessNo, earlier.result.stage) : undefined
}

/**
 * The applicant's answer to the subscription prompt, with the openid the decision will go to. An
 * unknown template id is bad input; a code WeChat refuses (or WeChat unreachable) leaves the
 * application without WeChat messages rather than refusing it: the progress page tells all.
 */
async function applicantConsent(deps: AdmissionDeps, wechat: ApplicantWechat): Promise<ApplicantConsent | undefined> {
  if (!wechat?.results) return undefined
  const credits = consentChanges(deps.wechat.wechat, wechat.results)
  if (credits.length === 0) return undefined
  const openid = await deps.wechat.identity.openidForCode(wechat.code).catch((error: unknown) => {
    deps.wechat.log.businessEvent('delivery-failed', { purpose: 'applicant-openid', channel: 'wechat', reason: (error as Error).message })
    return null
  })
  return openid ? { openid, credits } : undefined
}

export async function submitApplication(
  deps: AdmissionDeps,
  body: ApplicationFields & { ticket: string; wechat?: ApplicantWechat },
  idempotencyHeader: string | undefined,
  now = deps.clock.now(),
) {
  const idempotencyKey = requireIdempotencyKey(idempotencyHeader)
  const form = formOf(body)
  requireEligible(form, now)
  const idempotency = { key: idempotencyKey, fingerprint: fingerprintOf(form) }
  const earlier = await earlierAnswer(deps, idempotency)
  if (earlier) return earlier

  const ticket = readTicket(deps.clock, body.ticket, 'ticket')
  requireOwnPhoto(deps, ticket, form.photoKey)
  const digest = identityDigest(form.idNumber)
  const consent = await applicantConsent(deps, body.wechat)
  try {
    await acceptedUpload(deps.files, form.photoKey, PHOTO_RULES)
    return await attachEach(deps.files, [{ key: form.photoKey, label: PHOTO_RULES.label, field: PHOTO_RULES.field }], ([photoKey]) =>
      storeApplication(deps, { ...form, photoKey: photoKey! }, digest, { idempotency, consent }, now),
    )
  } catch (error) {
    // A retry sent while its first attempt was storing the application finds the photo attached.
    const retried = await earlierAnswer(deps, idempotency)
    if (retried) return retried
    // So does the same form sent again as a new submission: the open application says more.
    if (error instanceof AppError && error.code === 'CONFLICT' && (await deps.admissions.openOf(digest))) throw await alreadyOpen(deps, digest)
    throw error
  }
}

async function storeApplication(
  deps: AdmissionDeps,
  form: ApplicationFields,
  digest: string,
  { idempotency, consent }: { idempotency: IdempotencyClaim; consent: ApplicantConsent | undefined },
  now: Date,
) {
  const at = now.toISOString()
  // 业务编号 are a day's date plus six random digits: a number drawn twice is drawn again.
  for (let attempt = 1; ; attempt++) {
    const businessNo = formatBusinessNo(now, String(randomInt(1_000_000)).padStart(6, '0'))
    const application: StoredApplication = {
      ...form,
      businessNo,
      identityDigest: digest,
      stage: 'local_pending',
      version: 0,
      submittedAt: at,
      updatedAt: at,
    }
    const outcome = await expectFresh(
      deps.admissions.submit(application, {
        inbox: admissionInbox(localScope(form), application),
        trail: { node: '提交入会申请', unit: '申请人', opinion: '申请人提交申请', at },
        idempotency,
        consent,
      }),
    )
    if (outcome === 'submitted') return submitted(businessNo, 'local_pending')
    if (outcome === 'already-member') throw alreadyMember()
    if (outcome === 'already-open') throw await alreadyOpen(deps, digest)
    if (attempt >= 5) throw changedMeanwhile()
  }
}

export async function resubmitApplication(
  deps: AdmissionDeps,
  businessNo: string,
  body: ApplicationFields & { resubmitToken: string; wechat?: ApplicantWechat },
  now = deps.clock.now(),
) {
  const ticket = readTicket(deps.clock, body.resubmitToken, 'resubmitToken')
  if (ticket.businessNo !== businessNo) throw notFound('申请')
  const application = await deps.admissions.get(businessNo)
  if (!application) throw notFound('申请')
  if (application.stage !== 'returned') throw new AppError('CONFLICT', `该申请当前状态为“${ADMISSION_STAGE_LABELS[application.stage]}”，不能修改`)

  const form = formOf(body)
  requireEligible(form, now)
  requireOwnPhoto(deps, ticket, form.photoKey, application.photoKey)
  const consent = await applicantConsent(deps, body.wechat)
  if (form.photoKey === application.photoKey) return storeResubmission(deps, application, form, consent, now)
  await acceptedUpload(deps.files, form.photoKey, PHOTO_RULES)
  const answer = await attachEach(deps.files, [{ key: form.photoKey, label: PHOTO_RULES.label, field: PHOTO_RULES.field }], ([photoKey]) =>
    storeResubmission(deps, application, { ...form, photoKey: photoKey! }, consent, now),
  )
  await deps.files.delete(application.photoKey)
  return answer
}

async function storeResubmission(
  deps: AdmissionDeps,
  application: StoredApplication,
  form: ApplicationFields,
  consent: ApplicantConsent | undefined,
  now: Date,
) {
  const { businessNo } = application
  const digest = identityDigest(form.idNumber)
  const at = now.toISOString()
  const outcome = await expectFresh(
    deps.admissions.resubmit(
      application,
      { form, identityDigest: digest, stage: 'local_pending', updatedAt: at },
      {
        inbox: admissionInbox(localScope(form), { ...application, ...form }),
        trail: { node: '修改后重新提交', unit: '申请人', opinion: '申请人按退回意见修改后重新提交', at },
        consent,
      },
    ),
  )
  if (outcome === 'already-member') throw alreadyMember()
  if (outcome === 'already-open') throw await alreadyOpen(deps, digest)
  return submitted(businessNo, 'local_pending')
}

// ---------------------------------------------------------------------------------------------
// Progress queries

const notFoundOrBadCaptcha = () => new AppError('NOT_FOUND', '未查询到该申请：请核对所填信息和验证码后重新查询')

async function initialPasswordFor(deps: AdmissionDeps, application: StoredApplication): Promise<string | null> {
  if (!application.memberNo || !application.initialPasswordSealed) return null
  const account = await deps.accounts.get(accountIdOf('non_practising', application.memberNo))
  if (account?.mustChangePassword) return unseal(application.initialPasswordSealed, application.businessNo)
  await deps.admissions.forgetInitialPassword(application.businessNo, application.initialPasswordSealed)
  return null
}

async function progressOf(deps: AdmissionDeps, application: StoredApplication): Promise<ProgressResponse> {
  const { idNumber: _idNumber, ...formWithoutId } = formOf(application)
  return {
    businessNo: application.businessNo,
    nameMasked: maskName(application.name),
    association: { code: application.associationCode, name: associationName(application.associationCode) },
    stage: application.stage,
    stageLabel: ADMISSION_STAGE_LABELS[application.stage],
    submittedAt: application.submittedAt,
    updatedAt: application.updatedAt,
    returnReason: application.stage === 'returned' ? (application.returnReason ?? null) : null,
    rejectReason: application.stage === 'rejected' ? (application.rejectReason ?? null) : null,
    trail: await deps.admissions.trail(application.businessNo),
    account: application.memberNo
      ? { memberNo: application.memberNo, loginName: application.memberNo, initialPassword: await initialPasswordFor(deps, application) }
      : null,
    resubmit:
      application.stage === 'returned'
        ? {
            token: issueTicket(deps.clock, { scope: randomUUID(), businessNo: application.businessNo }),
            expiresInSeconds: TICKET_SECONDS,
            form: { ...formWithoutId, email: formWithoutId.email ?? '', deregisteredOn: formWithoutId.deregisteredOn ?? null },
          }
        : null,
  }
}

/** A wrong number and a wrong captcha answer alike, so the answer never tells which numbers exist. */
export async function progressByNumber(deps: AdmissionDeps, input: { businessNo: string; captchaId: string; captchaCode: string }, sourceIp: string) {
  await withinRateLimit(deps.rateLimits, PROGRESS_LIMIT, sourceIp, deps.clock.now())
  const captchaOk = await consumeCaptcha(deps, input.captchaId, input.captchaCode)
  const application = captchaOk && BUSINESS_NO_PATTERN.test(input.businessNo) ? await deps.admissions.get(input.businessNo) : undefined
  if (!application) throw notFoundOrBadCaptcha()
  return progressOf(deps, application)
}

export async function progressByBasic(
  deps: AdmissionDeps,
  input: { name: string; idNumber: string; phone: string; captchaId: string; captchaCode: string },
  sourceIp: string,
) {
  await withinRateLimit(deps.rateLimits, PROGRESS_LIMIT, sourceIp, deps.clock.now())
  const captchaOk = await consumeCaptcha(deps, input.captchaId, input.captchaCode)
  const application = captchaOk ? await deps.admissions.latestOf(identityDigest(input.idNumber)) : undefined
  if (!application || application.name !== input.name || application.phone !== input.phone) throw notFoundOrBadCaptcha()
  return progressOf(deps, application)
}

export async function lookupMemberNo(deps: AdmissionDeps, input: { name: string; idNumber: string; captchaId: string; captchaCode: string }, sourceIp: string) {
  await withinRateLimit(deps.rateLimits, LOOKUP_LIMIT, sourceIp, deps.clock.now())
  if (!(await consumeCaptcha(deps, input.captchaId, input.captchaCode))) throw badCaptcha()
  const found = await deps.admissions.memberOfIdentity(identityDigest(input.idNumber))
  if (!found || found.name !== input.name) throw new AppError('NOT_FOUND', '未查询到对应的非执业会员，请核对姓名和证件号码')
  return { memberNo: found.memberNo }
}

// ---------------------------------------------------------------------------------------------
// Review by staff

type Level = 'local' | 'cicpa'

/** Which level decides an application at its stage, and whether this staff member belongs to it. */
function levelNow(application: StoredApplication): Level | null {
  if (application.stage === 'local_pending') return 'local'
  if (application.stage === 'cicpa_pending') return 'cicpa'
  return null
}

function actsAt(caller: Caller, application: StoredApplication, level: Level | null): boolean {
  if (level === 'cicpa') return caller.role === 'cicpa_staff'
  if (level === 'local') {
    return application.associationCode === CICPA_CODE
      ? caller.role === 'cicpa_staff'
      : caller.role === 'local_staff' && caller.associationCode === application.associationCode
  }
  return false
}

export async function applicationForStaff(deps: Pick<AdmissionDeps, 'admissions'>, caller: Caller, businessNo: string): Promise<StoredApplication> {
  const application = await deps.admissions.get(businessNo)
  if (!application) throw notFound('申请')
  if (caller.role === 'local_staff' && caller.associationCode !== application.associationCode) throw forbidden()
  return application
}

const DECISION_LABELS: Record<Level, string> = { local: '地方注协审核', cicpa: '中注协确认' }

export async function reviewApplication(deps: AdmissionDeps, caller: Caller, businessNo: string) {
  const application = await applicationForStaff(deps, caller, businessNo)
  const level = levelNow(application)
  return {
    businessNo,
    stage: application.stage,
    stageLabel: ADMISSION_STAGE_LABELS[application.stage],
    version: application.version,
    submittedAt: application.submittedAt,
    association: { code: application.associationCode, name: associationName(application.associationCode) },
    form: formOf(application),
    photoUrl: application.photoKey ? await deps.files.presignDownload(application.photoKey) : null,
    trail: await deps.admissions.trail(businessNo),
    returnReason: application.returnReason ?? null,
    level,
    canDecide: actsAt(caller, application, level),
    decisionLabel: level ? DECISION_LABELS[level] : ADMISSION_STAGE_LABELS[application.stage],
  }
}

const NODE_NAMES: Record<Level, Record<Decision, string>> = {
  local: { approve: '地方注协非执业会员入会审核通过', return: '地方注协非执业会员入会审核退回', reject: '地方注协非执业会员入会审核不予通过' },
  cicpa: { approve: '中注协非执业会员入会确认通过', return: '中注协非执业会员入会确认退回', reject: '中注协非执业会员入会确认不予通过' },
}

/** A fresh member number: the sequence is atomic; numbers already taken (e.g. imported members) are skipped. */
async function allocateMemberNo(deps: Pick<AdmissionDeps, 'admissions'>, associationCode: string, now: Date): Promise<string> {
  const prefix = memberNoPrefix(associationCode, now)
  for (let attempt = 0; attempt < 50; attempt++) {
    const memberNo = formatMemberNo(prefix, await deps.admissions.nextMemberSequence(prefix))
    if (!(await deps.admissions.memberExists(memberNo))) return memberNo
  }
  throw new Error(`no free member number under ${prefix}`)
}

async function memberCreation(deps: Pick<AdmissionDeps, 'admissions'>, application: StoredApplication, now: Date): Promise<NewMember> {
  const memberNo = await allocateMemberNo(deps, application.associationCode, now)
  const initialPassword = randomInitialPassword()
  const account: Account = {
    accountId: accountIdOf('non_practising', memberNo),
    userType: 'non_practising',
    username: memberNo,
    role: 'member',
    associationCode: application.associationCode,
    displayName: application.name,
    passwordHash: await hashSecret(initialPassword),
    mustChangePassword: true,
    tokenVersion: 0,
    version: 0,
    memberNo,
  }
  const member: MemberRecord = {
    memberNo,
    userType: 'non_practising',
    name: application.name,
    gender: application.gender,
    associationCode: application.associationCode,
    idType: application.idType,
    idNumber: application.idNumber,
    phone: application.phone,
    ...(application.email ? { email: application.email } : {}),
    workUnit: application.workUnit,
    ethnicity: application.ethnicity,
    birthDate: application.birthDate,
    politicalStatus: application.politicalStatus,
    region: application.region,
    household: application.household,
    education: application.education,
    certificateNo: application.certificateNo,
    certificateDate: application.certificateDate,
    photoKey: application.photoKey,
    joinDate: chinaDate(now),
    status: 'active',
  }
  return { account, member, sealedPassword: seal(initialPassword, application.businessNo) }
}

async function decisionOf(
  deps: Pick<AdmissionDeps, 'admissions'>,
  application: StoredApplication,
  level: Level,
  input: { action: Decision; opinion: string },
  now: Date,
): Promise<AdmissionDecision> {
  if (input.action === 'approve' && level === 'local') return { stage: 'cicpa_pending', inbox: admissionInbox(CICPA_CODE, application) }
  if (input.action === 'approve') return { stage: 'approved', created: await memberCreation(deps, application, now) }
  if (input.action === 'return') return { stage: 'returned', reason: input.opinion }
  return { stage: 'rejected', reason: input.opinion }
}

export async function decideApplication(
  deps: AdmissionDeps,
  caller: Caller,
  businessNo: string,
  input: { action: Decision; opinion: string; version: number },
  now = deps.clock.now(),
) {
  const { memberNo } = await recordAdmissionDecision(deps, caller, await applicationForStaff(deps, caller, businessNo), input, now)
  // The reviewer's screen takes this as the application now: a stage, trail and buttons read before
  // the decision would offer deciding again what is already decided.
  return { ...(await reviewApplication(deps, caller, businessNo)), memberNo }
}

/** What deciding needs: the applications, and WeChat for the applicant's subscription message. */
type DecisionDeps = Pick<AdmissionDeps, 'admissions'> & { wechat: Pick<AdmissionDeps['wechat'], 'credits' | 'wechat' | 'log'> }

/** A decision on an application read by applicationForStaff, at the level it waits at; a batch pass uses it too. */
export async function recordAdmissionDecision(
  deps: DecisionDeps,
  caller: Caller,
  application: StoredApplication,
  input: { action: Decision; opinion: string; version: number },
  now: Date,
) {
  const { businessNo } = application
  if (application.version !== input.version) throw changedMeanwhile()
  const level = levelNow(application)
  if (!level || !actsAt(caller, application, level)) {
    throw new AppError('FORBIDDEN', level ? '该申请当前不由本级审核' : `该申请已办结（${ADMISSION_STAGE_LABELS[application.stage]}）`)
  }
  const at = now.toISOString()
  const unit = associationName(caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode)
  const decision = await decisionOf(deps, application, level, input, now)
  await expectFresh(
    deps.admissions.decide(application, decision, {
      updatedAt: at,
      trail: { node: NODE_NAMES[level][input.action], unit, opinion: input.opinion || '同意', at },
      decidedIn: admissionInbox(level === 'cicpa' ? CICPA_CODE : localScope(application), application),
      decidedBy: caller.displayName,
    }),
  )
  await notifyApplicant(deps, application, DECISION_RESULTS[level][input.action], at)
  const memberNo = decision.stage === 'approved' ? decision.created.member.memberNo : null
  return { businessNo, stage: decision.stage, stageLabel: ADMISSION_STAGE_LABELS[decision.stage], memberNo }
}

/** 审核结果 as the subscription message's phrase field takes it (at most 5 characters). */
const DECISION_RESULTS: Record<Level, Record<Decision, string>> = {
  local: { approve: '初审通过', return: '已退回', reject: '不予通过' },
  cicpa: { approve: '已通过', return: '已退回', reject: '不予通过' },
}

/**
 * Tells the applicant in WeChat, when they accepted the template at (re)submission: the 业务编号
 * and the result only (no ID number, no reason: the progress page shows those after its captcha).
 * Never throws: the decision has committed.
 */
async function notifyApplicant(deps: DecisionDeps, application: StoredApplication, result: string, at: string) {
  if (!application.openid) return
  const { businessNo } = application
  try {
    await sendWithCredit(
      deps.wechat,
      applicationSubject(businessNo),
      application.openid,
      {
        template: 'decision',
        subject: '非执业会员入会申请',
        result,
        at: new Date(at),
        note: `业务编号${businessNo}`,
        page: `subpackages/admission/progress/index?businessNo=${businessNo}`,
      },
      at,
    )
  } catch (error) {
    deps.wechat.log.businessEvent('delivery-failed', { purpose: 'decision', channel: 'wechat', reason: (error as Error).message })
  }
}
