import { randomInt, randomUUID } from 'node:crypto'
import jwt from 'jsonwebtoken'
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
import { chinaDate } from '../../shared/china-time'
import { PHOTO_MAX_BYTES } from '../../shared/api/admission-schemas'
import { associationName, CICPA_CODE } from '../../shared/associations'
import { maskName } from '../../shared/mask'
import {
  applicationItem,
  applicationUpdate,
  failedConditions,
  forgetInitialPassword,
  getApplication,
  latestApplicationOf,
  memberExists,
  memberIdentityPut,
  memberNoOfIdentity,
  nextCounterValue,
  noMemberWithIdentity,
  openApplicationDelete,
  openApplicationOf,
  openApplicationPut,
  transact,
  type StoredApplication,
  type TransactItem,
} from '../adapters/admission-dynamo'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { isConditionFailure, keys, orConflict } from '../adapters/dynamo'
import { fingerprintOf, idempotencyPut, readIdempotent, requireIdempotencyKey } from '../adapters/idempotency'
import { waitingFor } from '../adapters/pending'
import { dynamoRateLimits } from '../adapters/rate-limit'
import type { RateLimit } from '../ports/rate-limits'
import { withinRateLimit } from './rate-limits'
import { listTrail, trailPut } from '../adapters/trail'
import {
  attachUploads,
  deleteObject,
  FILE_TYPES,
  pendingPrefix,
  presignDownload,
  presignUpload,
  uploadClaimDelete,
  uploadClaimPut,
  verifyUpload,
} from '../adapters/uploads'
import { hashSecret, randomInitialPassword } from '../auth/passwords'
import { identityDigest, seal, unseal } from '../auth/sealed'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import { AppError, changedMeanwhile, forbidden, notFound } from '../http/errors'
import { accountIdOf, type Account, type MemberRecord } from '../ports/accounts'
import { consumeCaptcha } from './captcha'
import { clock } from '../adapters/clock'

const TICKET_SECONDS = 30 * 60
const TICKET_ISSUER = 'cicpa-admission'
const PHOTO_RULES = { maxBytes: PHOTO_MAX_BYTES, allowedTypes: [FILE_TYPES.jpg, FILE_TYPES.png], label: '照片', field: 'photoKey' }

/** Progress and member-number queries are public: per source IP, a few per window, so nobody can walk the numbers. */
export const PROGRESS_LIMIT: RateLimit = { bucket: 'admission-progress', limit: 20, windowSeconds: 10 * 60 }
export const LOOKUP_LIMIT: RateLimit = { bucket: 'member-number', limit: 10, windowSeconds: 10 * 60 }

const badCaptcha = () =>
  new AppError('CAPTCHA_INVALID', '验证码错误或已过期，请点击图片刷新后重新输入', { captchaCode: '验证码错误或已过期' })

// ---------------------------------------------------------------------------------------------
// Applicant tickets: proof that this applicant passed the captcha (uploads, submit) or, bound to a
// business number, that they queried a returned application (resubmit).

interface Ticket {
  /** Uploads of this ticket live under admission/photos/<scope>/. */
  scope: string
  businessNo?: string
}

function issueTicket(ticket: Ticket): string {
  const iat = Math.floor(clock.now().getTime() / 1000)
  return jwt.sign({ typ: 'admission-ticket', iat, ...(ticket.businessNo ? { bno: ticket.businessNo } : {}) }, config.jwtSecret, {
    algorithm: 'HS256',
    subject: ticket.scope,
    issuer: TICKET_ISSUER,
    expiresIn: TICKET_SECONDS,
  })
}

function readTicket(token: string, field: string): Ticket {
  try {
    const payload = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'], issuer: TICKET_ISSUER, clockTimestamp: Math.floor(clock.now().getTime() / 1000) })
    if (typeof payload === 'string' || payload.typ !== 'admission-ticket' || !payload.sub) throw new Error('not a ticket')
    return { scope: payload.sub, ...(typeof payload.bno === 'string' ? { businessNo: payload.bno } : {}) }
  } catch (error) {
    // Only a genuine ticket that ran out is "expired": a forged or altered one is told it is invalid.
    const message =
      error instanceof jwt.TokenExpiredError ? `验证信息已过期（${TICKET_SECONDS / 60}分钟），请重新验证后提交；已填写的内容会保留` : '验证信息无效，请重新验证后提交；已填写的内容会保留'
    throw new AppError('VALIDATION_FAILED', message, { [field]: message })
  }
}

const photoPrefix = (ticket: Ticket) => `admission/photos/${ticket.scope}`

export async function verifyApplicant(input: { captchaId: string; captchaCode: string }) {
  if (!(await consumeCaptcha(input.captchaId, input.captchaCode))) throw badCaptcha()
  return { ticket: issueTicket({ scope: randomUUID() }), expiresInSeconds: TICKET_SECONDS }
}

export function photoUploadFor(input: { ticket: string; contentType: string }) {
  const ticket = readTicket(input.ticket, 'ticket')
  return presignUpload({ ...PHOTO_RULES, keyPrefix: photoPrefix(ticket), contentType: input.contentType })
}

function requireOwnPhoto(ticket: Ticket, photoKey: string, alreadyAttached?: string) {
  if (photoKey === alreadyAttached) return
  if (!photoKey.startsWith(pendingPrefix(photoPrefix(ticket)))) {
    throw new AppError('VALIDATION_FAILED', '照片无效，请重新上传', { photoKey: '照片无效，请重新上传' })
  }
}

export async function checkPhoto(input: { ticket: string; key: string }) {
  const ticket = readTicket(input.ticket, 'ticket')
  requireOwnPhoto(ticket, input.key)
  await verifyUpload(input.key, PHOTO_RULES)
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

/** Inboxes list applications by when they were first submitted. */
export function admissionWaitingFor(scope: string, application: Pick<StoredApplication, 'businessNo' | 'name' | 'associationCode' | 'submittedAt'>) {
  return waitingFor(scope, 'admission', {
    id: application.businessNo,
    title: application.name,
    subtitle: `业务编号 ${application.businessNo} · ${associationName(application.associationCode)}`,
    submittedAt: application.submittedAt,
  })
}

const submitted = (businessNo: string, stage: AdmissionStage) => ({ businessNo, stage, stageLabel: ADMISSION_STAGE_LABELS[stage] })

async function alreadyOpen(digest: string) {
  const open = await openApplicationOf(digest)
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

export async function submitApplication(body: ApplicationFields & { ticket: string }, idempotencyHeader: string | undefined, now = clock.now()) {
  const idempotencyKey = requireIdempotencyKey(idempotencyHeader)
  const form = formOf(body)
  requireEligible(form, now)
  const fingerprint = fingerprintOf(form)
  const earlier = await readIdempotent<{ businessNo: string; stage: AdmissionStage }>('admission-submit', idempotencyKey, fingerprint)
  if (earlier) return submitted(earlier.businessNo, earlier.stage)

  const ticket = readTicket(body.ticket, 'ticket')
  requireOwnPhoto(ticket, form.photoKey)
  const digest = identityDigest(form.idNumber)
  try {
    await verifyUpload(form.photoKey, PHOTO_RULES)
    return await attachUploads([{ key: form.photoKey, label: PHOTO_RULES.label, field: PHOTO_RULES.field }], ([photoKey]) =>
      storeApplication({ ...form, photoKey: photoKey! }, digest, idempotencyKey, fingerprint, now),
    )
  } catch (error) {
    // A retry sent while its first attempt was storing the application finds the photo attached.
    const retried = await readIdempotent<{ businessNo: string; stage: AdmissionStage }>('admission-submit', idempotencyKey, fingerprint)
    if (retried) return submitted(retried.businessNo, retried.stage)
    // So does the same form sent again as a new submission: the open application says more.
    if (error instanceof AppError && error.code === 'CONFLICT' && (await openApplicationOf(digest))) throw await alreadyOpen(digest)
    throw error
  }
}

async function storeApplication(form: ApplicationFields, digest: string, idempotencyKey: string, fingerprint: string, now: Date) {
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
    const items: TransactItem[] = [
      {
        Put: {
          TableName: config.tableName,
          Item: { ...applicationItem(application), ...admissionWaitingFor(localScope(form), application) },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      openApplicationPut(digest, businessNo),
      noMemberWithIdentity(digest),
      idempotencyPut('admission-submit', idempotencyKey, fingerprint, { businessNo, stage: 'local_pending' }, now),
      trailPut(keys.admission(businessNo).PK, { node: '提交入会申请', unit: '申请人', opinion: '申请人提交申请', at }),
      uploadClaimPut(form.photoKey),
    ]
    try {
      await transact(items)
      return submitted(businessNo, 'local_pending')
    } catch (error) {
      if (!isConditionFailure(error)) throw error
      const failed = failedConditions(error)
      if (failed.includes(2)) throw alreadyMember()
      if (failed.includes(1)) throw await alreadyOpen(digest)
      if (failed.length === 1 && failed[0] === 0 && attempt < 5) continue
      throw changedMeanwhile()
    }
  }
}

export async function resubmitApplication(businessNo: string, body: ApplicationFields & { resubmitToken: string }, now = clock.now()) {
  const ticket = readTicket(body.resubmitToken, 'resubmitToken')
  if (ticket.businessNo !== businessNo) throw notFound('申请')
  const application = await getApplication(businessNo)
  if (!application) throw notFound('申请')
  if (application.stage !== 'returned') throw new AppError('CONFLICT', `该申请当前状态为“${ADMISSION_STAGE_LABELS[application.stage]}”，不能修改`)

  const form = formOf(body)
  requireEligible(form, now)
  requireOwnPhoto(ticket, form.photoKey, application.photoKey)
  if (form.photoKey === application.photoKey) return storeResubmission(application, form, now)
  await verifyUpload(form.photoKey, PHOTO_RULES)
  const answer = await attachUploads([{ key: form.photoKey, label: PHOTO_RULES.label, field: PHOTO_RULES.field }], ([photoKey]) =>
    storeResubmission(application, { ...form, photoKey: photoKey! }, now),
  )
  await deleteObject(application.photoKey)
  return answer
}

async function storeResubmission(application: StoredApplication, form: ApplicationFields, now: Date) {
  const { businessNo } = application
  const digest = identityDigest(form.idNumber)
  const at = now.toISOString()
  const items: TransactItem[] = [
    applicationUpdate(
      businessNo,
      { stage: 'returned', version: application.version },
      {
        ...form,
        email: form.email ?? null,
        deregisteredOn: form.deregisteredOn ?? null,
        identityDigest: digest,
        stage: 'local_pending',
        updatedAt: at,
        GSI2PK: keys.applicantPartition(digest),
        ...admissionWaitingFor(localScope(form), { ...application, ...form }),
      },
      { remove: ['returnReason'] },
    ),
    trailPut(keys.admission(businessNo).PK, { node: '修改后重新提交', unit: '申请人', opinion: '申请人按退回意见修改后重新提交', at }),
  ]
  // A corrected ID number moves the one-open-application lock to the new number.
  if (digest !== application.identityDigest) {
    items.push(openApplicationDelete(application.identityDigest, businessNo), openApplicationPut(digest, businessNo), noMemberWithIdentity(digest))
  }
  // A new photo takes the old one's place: the old one is no longer attached.
  if (form.photoKey !== application.photoKey) items.push(uploadClaimPut(form.photoKey), uploadClaimDelete(application.photoKey))
  try {
    await transact(items)
  } catch (error) {
    if (!isConditionFailure(error)) throw error
    const failed = failedConditions(error)
    if (failed.includes(4)) throw alreadyMember()
    if (failed.includes(3)) throw await alreadyOpen(digest)
    throw changedMeanwhile()
  }
  return submitted(businessNo, 'local_pending')
}

// ---------------------------------------------------------------------------------------------
// Progress queries

const notFoundOrBadCaptcha = () => new AppError('NOT_FOUND', '未查询到该申请：请核对所填信息和验证码后重新查询')

async function initialPasswordFor(application: StoredApplication): Promise<string | null> {
  if (!application.memberNo || !application.initialPasswordSealed) return null
  const account = await dynamoAccountStore.get(accountIdOf('non_practising', application.memberNo))
  if (account?.mustChangePassword) return unseal(application.initialPasswordSealed, application.businessNo)
  await forgetInitialPassword(application.businessNo, application.initialPasswordSealed)
  return null
}

async function progressOf(application: StoredApplication): Promise<ProgressResponse> {
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
    trail: await listTrail(keys.admission(application.businessNo).PK),
    account: application.memberNo
      ? { memberNo: application.memberNo, loginName: application.memberNo, initialPassword: await initialPasswordFor(application) }
      : null,
    resubmit:
      application.stage === 'returned'
        ? {
            token: issueTicket({ scope: randomUUID(), businessNo: application.businessNo }),
            expiresInSeconds: TICKET_SECONDS,
            form: { ...formWithoutId, email: formWithoutId.email ?? '', deregisteredOn: formWithoutId.deregisteredOn ?? null },
          }
        : null,
  }
}

/** A wrong number and a wrong captcha answer alike, so the answer never tells which numbers exist. */
export async function progressByNumber(input: { businessNo: string; captchaId: string; captchaCode: string }, sourceIp: string) {
  await withinRateLimit(dynamoRateLimits, PROGRESS_LIMIT, sourceIp, clock.now())
  const captchaOk = await consumeCaptcha(input.captchaId, input.captchaCode)
  const application = captchaOk && BUSINESS_NO_PATTERN.test(input.businessNo) ? await getApplication(input.businessNo) : undefined
  if (!application) throw notFoundOrBadCaptcha()
  return progressOf(application)
}

export async function progressByBasic(input: { name: string; idNumber: string; phone: string; captchaId: string; captchaCode: string }, sourceIp: string) {
  await withinRateLimit(dynamoRateLimits, PROGRESS_LIMIT, sourceIp, clock.now())
  const captchaOk = await consumeCaptcha(input.captchaId, input.captchaCode)
  const application = captchaOk ? await latestApplicationOf(identityDigest(input.idNumber)) : undefined
  if (!application || application.name !== input.name || application.phone !== input.phone) throw notFoundOrBadCaptcha()
  return progressOf(application)
}

export async function lookupMemberNo(input: { name: string; idNumber: string; captchaId: string; captchaCode: string }, sourceIp: string) {
  await withinRateLimit(dynamoRateLimits, LOOKUP_LIMIT, sourceIp, clock.now())
  if (!(await consumeCaptcha(input.captchaId, input.captchaCode))) throw badCaptcha()
  const found = await memberNoOfIdentity(identityDigest(input.idNumber))
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
    return application.associationCode === CICPA_CODE ? caller.role === 'cicpa_staff' : caller.role === 'local_staff' && caller.associationCode === application.associationCode
  }
  return false
}

async function applicationForStaff(caller: Caller, businessNo: string): Promise<StoredApplication> {
  const application = await getApplication(businessNo)
  if (!application) throw notFound('申请')
  if (caller.role === 'local_staff' && caller.associationCode !== application.associationCode) throw forbidden()
  return application
}

const DECISION_LABELS: Record<Level, string> = { local: '地方注协审核', cicpa: '中注协确认' }

export async function reviewApplication(caller: Caller, businessNo: string) {
  const application = await applicationForStaff(caller, businessNo)
  const level = levelNow(application)
  return {
    businessNo,
    stage: application.stage,
    stageLabel: ADMISSION_STAGE_LABELS[application.stage],
    version: application.version,
    submittedAt: application.submittedAt,
    association: { code: application.associationCode, name: associationName(application.associationCode) },
    form: formOf(application),
    photoUrl: application.photoKey ? await presignDownload(application.photoKey) : null,
    trail: await listTrail(keys.admission(businessNo).PK),
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

/** A fresh member number: the counter is atomic; numbers already taken (e.g. imported members) are skipped. */
async function allocateMemberNo(associationCode: string, now: Date): Promise<string> {
  const prefix = memberNoPrefix(associationCode, now)
  for (let attempt = 0; attempt < 50; attempt++) {
    const memberNo = formatMemberNo(prefix, await nextCounterValue(`member-no#${prefix}`))
    if (!(await memberExists(memberNo))) return memberNo
  }
  throw new Error(`no free member number under ${prefix}`)
}

async function memberCreation(application: StoredApplication, now: Date) {
  const memberNo = await allocateMemberNo(application.associationCode, now)
  const initialPassword = randomInitialPassword()
  const accountId = accountIdOf('non_practising', memberNo)
  const account: Account = {
    accountId,
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
  const items: TransactItem[] = [
    { Put: { TableName: config.tableName, Item: { ...keys.account(accountId), entity: 'account', ...account }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Put: {
        TableName: config.tableName,
        Item: {
          ...keys.member(memberNo),
          entity: 'member',
          ...member,
          admissionBusinessNo: application.businessNo,
          GSI1PK: `ASSOC#${member.associationCode}#MEMBERS`,
          GSI1SK: memberNo,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    memberIdentityPut(application.identityDigest, memberNo, application.name),
    openApplicationDelete(application.identityDigest, application.businessNo),
  ]
  return { memberNo, sealedPassword: seal(initialPassword, application.businessNo), items }
}

export async function decideApplication(
  caller: Caller,
  businessNo: string,
  input: { action: Decision; opinion: string; version: number },
  now = clock.now(),
) {
  const application = await applicationForStaff(caller, businessNo)
  if (application.version !== input.version) throw changedMeanwhile()
  const level = levelNow(application)
  if (!level || !actsAt(caller, application, level)) {
    throw new AppError('FORBIDDEN', level ? '该申请当前不由本级审核' : `该申请已办结（${ADMISSION_STAGE_LABELS[application.stage]}）`)
  }
  const at = now.toISOString()
  const unit = associationName(caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode)
  const opinion = input.opinion || '同意'
  const expected = { stage: application.stage, version: application.version }
  const trail = trailPut(keys.admission(businessNo).PK, { node: NODE_NAMES[level][input.action], unit, opinion, at })

  let stage: AdmissionStage
  let memberNo: string | null = null
  const items: TransactItem[] = []
  if (input.action === 'approve' && level === 'local') {
    stage = 'cicpa_pending'
    items.push(applicationUpdate(businessNo, expected, { stage, updatedAt: at, ...admissionWaitingFor(CICPA_CODE, application) }))
  } else if (input.action === 'approve') {
    stage = 'approved'
    const creation = await memberCreation(application, now)
    memberNo = creation.memberNo
    items.push(
      applicationUpdate(businessNo, expected, { stage, updatedAt: at, memberNo, initialPasswordSealed: creation.sealedPassword }, { stopWaiting: true }),
      ...creation.items,
    )
  } else if (input.action === 'return') {
    stage = 'returned'
    items.push(applicationUpdate(businessNo, expected, { stage, updatedAt: at, returnReason: input.opinion }, { stopWaiting: true }))
  } else {
    stage = 'rejected'
    items.push(
      applicationUpdate(businessNo, expected, { stage, updatedAt: at, rejectReason: input.opinion }, { stopWaiting: true }),
      openApplicationDelete(application.identityDigest, businessNo),
    )
  }
  items.push(trail)
  await orConflict(() => transact(items))
  return { businessNo, stage, stageLabel: ADMISSION_STAGE_LABELS[stage], memberNo }
}
