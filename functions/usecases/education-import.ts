import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { ImportRequest } from '../../shared/api/education-schemas'
import { INSTITUTE_CODES, type InstituteCode } from '../../shared/education'
import type { AccountStore } from '../ports/accounts'
import { epochSeconds, type Clock } from '../ports/clock'
import type { EducationStore, ImportNonces } from '../ports/education'
import { AppError } from './errors'

export interface ImportDeps {
  education: EducationStore
  nonces: ImportNonces
  accounts: AccountStore
  clock: Clock
}

/** How far an institute's clock may be from ours; a nonce is remembered at least this long. */
const FRESHNESS_SECONDS = 300

/**
 * The institutes' import keys: `EDU_IMPORT_SECRETS` holds a JSON object of institute code → key
 * (from SSM when deployed, generated locally), each key shared with that institute only.
 */
function importSecret(institute: InstituteCode): string | undefined {
  const raw = process.env.EDU_IMPORT_SECRETS
  if (!raw) return undefined
  const secret = (JSON.parse(raw) as Record<string, string>)[institute]
  return secret && secret.length >= 32 ? secret : undefined
}

/**
 * What an institute signs: HMAC-SHA256 with its key over institute, timestamp (Unix seconds),
 * nonce and the SHA-256 of the exact body, joined by newlines; sent hex-encoded in X-Signature.
 */
export function importSignature(secret: string, input: { institute: string; timestamp: string; nonce: string; rawBody: string }): string {
  const bodyHash = createHash('sha256').update(input.rawBody, 'utf8').digest('hex')
  return createHmac('sha256', secret).update(`${input.institute}\n${input.timestamp}\n${input.nonce}\n${bodyHash}`).digest('hex')
}

export function signedImportHeaders(institute: InstituteCode, secret: string, rawBody: string, nonce: string, now = new Date()): Record<string, string> {
  const timestamp = String(epochSeconds(now))
  return {
    'x-institute': institute,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': importSignature(secret, { institute, timestamp, nonce, rawBody }),
  }
}

const unauthenticated = () => new AppError('UNAUTHENTICATED', '签名验证失败')

/** Believes nothing in an import before its signature, freshness and nonce check out. */
async function verifyImportRequest(nonces: ImportNonces, headers: Record<string, string | undefined>, rawBody: string): Promise<InstituteCode> {
  const institute = headers['x-institute'] as InstituteCode | undefined
  const timestamp = headers['x-timestamp'] ?? ''
  const nonce = headers['x-nonce'] ?? ''
  const signature = headers['x-signature'] ?? ''
  if (!institute || !INSTITUTE_CODES.includes(institute) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) throw unauthenticated()
  const secret = importSecret(institute)
  if (!secret) throw unauthenticated()
  const expected = Buffer.from(importSignature(secret, { institute, timestamp, nonce, rawBody }), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw unauthenticated()
  // Freshness is between the institute's server and ours: wall time, not the business day the clock tells.
  const now = new Date()
  if (!/^\d{10}$/.test(timestamp) || Math.abs(epochSeconds(now) - Number(timestamp)) > FRESHNESS_SECONDS)
    throw new AppError('UNAUTHENTICATED', '请求已过期，请校准时间后重新发送')
  if (!(await nonces.remember(institute, nonce, new Date(now.getTime() + 2 * FRESHNESS_SECONDS * 1000))))
    throw new AppError('UNAUTHENTICATED', '重复的请求（nonce 已使用）')
  return institute
}

/**
 * Stores a catalogue push and applies its completion records: a completion counts as the member
 * having learned the lesson (evaluation still happens here, before the hours are credited).
 */
export async function importCatalogue(deps: Omit<ImportDeps, 'nonces'>, request: ImportRequest) {
  await deps.education.writeCatalogue(request, deps.clock.now().toISOString())
  const lessons = new Map(request.courses.flatMap((course) => course.lessons.map((lesson) => [`${course.courseId}/${lesson.lessonId}`, lesson] as const)))
  const skipped: { memberNo: string; courseId: string; lessonId: string; reason: string }[] = []
  let applied = 0
  for (const completion of request.completions) {
    const skip = (reason: string) => skipped.push({ memberNo: completion.memberNo, courseId: completion.courseId, lessonId: completion.lessonId, reason })
    const lesson = lessons.get(`${completion.courseId}/${completion.lessonId}`)
    if (!lesson) {
      skip('课节不在本次推送的课程中')
      continue
    }
    const [member, enrolment] = await Promise.all([deps.accounts.getMember(completion.memberNo), deps.education.enrolment(completion.memberNo, request.year)])
    if (!member) skip('会员不存在')
    else if (enrolment?.institute !== request.institute) skip('该会员本年度未选择本学院')
    else {
      await deps.education.recordProgress({
        memberNo: completion.memberNo,
        year: request.year,
        courseId: completion.courseId,
        lesson,
        positionSeconds: lesson.durationSeconds,
        at: completion.completedAt,
      })
      applied++
    }
  }
  return { courses: request.courses.length, completions: applied, skipped }
}

export async function receiveImport(deps: ImportDeps, headers: Record<string, string | undefined>, rawBody: string, request: ImportRequest) {
  const institute = await verifyImportRequest(deps.nonces, headers, rawBody)
  if (request.institute !== institute) throw new AppError('FORBIDDEN', '只能推送本学院的课程与学习记录')
  return importCatalogue(deps, request)
}
