import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import QRCode from 'qrcode'
import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { associationName, CICPA_NAME } from '../../shared/associations'
import { DOWNLOAD_URL_SECONDS, presignDownload } from '../adapters/uploads'
import { createApplication, decideApplication, getApplication, listApplications, memberNoOf } from '../adapters/good-standing-dynamo'
import { s3 } from '../adapters/s3'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import { AppError } from '../http/errors'
import type { AccountStore } from '../ports/accounts'
import { issueCredential, ownMember } from './credentials'
import { goodStandingPdf } from './good-standing-pdf'
import { clock } from '../adapters/clock'

const certificateKey = (application: GoodStandingApplication) => `certificates/${application.memberNo}/${application.id}.pdf`

function publicView({ version: _version, ...application }: GoodStandingApplication & { version?: number }): GoodStandingApplication {
  return application
}

export async function applyForGoodStanding(
  accounts: AccountStore,
  caller: Caller,
  input: { englishName: string; purpose: string; addressee: string },
): Promise<GoodStandingApplication> {
  const member = await ownMember(accounts, caller)
  if (member.status !== 'active') throw new AppError('FORBIDDEN', '会员资格非正常状态，不能申请良好存续证明')
  const submittedAt = clock.now().toISOString()
  const application: GoodStandingApplication = {
    id: `GS-${member.memberNo}-${Date.now().toString(36)}`,
    memberNo: member.memberNo,
    memberName: member.name,
    association: associationName(member.associationCode),
    ...input,
    status: 'pending',
    submittedAt,
    decidedAt: null,
    returnReason: null,
  }
  await createApplication(application, { node: '会员提交良好存续证明申请', unit: application.association, opinion: input.purpose, at: submittedAt })
  return application
}

export async function myGoodStanding(caller: Caller) {
  return { applications: (await listApplications(caller.username)).map(publicView) }
}

async function found(id: string) {
  const application = await getApplication(id)
  if (!application) throw new AppError('NOT_FOUND', '申请不存在')
  return application
}

export async function reviewGoodStanding(id: string) {
  return publicView(await found(id))
}

export async function decideGoodStanding(id: string, input: { decision: 'approve' | 'return'; reason?: string }): Promise<GoodStandingApplication> {
  const current = await found(id)
  if (current.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，请刷新后查看')
  const decidedAt = clock.now().toISOString()
  const decided: GoodStandingApplication = {
    ...publicView(current),
    status: input.decision === 'approve' ? 'approved' : 'returned',
    decidedAt,
    returnReason: input.decision === 'return' ? input.reason! : null,
  }
  await decideApplication(current, decided, {
    node: input.decision === 'approve' ? '中注协审批通过' : '中注协审批退回',
    unit: CICPA_NAME,
    opinion: input.decision === 'approve' ? '同意' : input.reason!,
    at: decidedAt,
  })
  return decided
}

/**
 * The PDF is made on first download and kept in S3; each download gets a link valid for minutes.
 * Another member's certificate id answers 404, like a missing one.
 */
export async function downloadGoodStanding(accounts: AccountStore, caller: Caller, id: string) {
  if (memberNoOf(id) !== caller.username) throw new AppError('NOT_FOUND', '申请不存在')
  const application = await found(id)
  if (application.status !== 'approved') throw new AppError('CONFLICT', '证明尚未通过中注协审批，暂不能下载')
  const key = certificateKey(application)
  const exists = await s3()
    .send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }))
    .then(() => true)
    .catch((error: unknown) => {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return false
      throw error
    })
  if (!exists) {
    const member = await ownMember(accounts, caller)
    const { url } = await issueCredential('membership', member.memberNo)
    const pdf = await goodStandingPdf({ ...publicView(application), joinDate: member.joinDate }, await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 360 }), url)
    await s3().send(new PutObjectCommand({ Bucket: config.bucketName, Key: key, Body: pdf, ContentType: 'application/pdf' }))
  }
  return { url: await presignDownload(key), fileName: `CICPA-Certificate-of-Good-Standing-${application.memberNo}.pdf`, expiresInSeconds: DOWNLOAD_URL_SECONDS }
}
