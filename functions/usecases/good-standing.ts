import type { GoodStandingApplication } from '../../shared/api/credential-schemas'
import { associationName, CICPA_NAME } from '../../shared/associations'
import type { Caller } from '../auth/tokens'
import type { AccountStore } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { WechatNotices } from '../ports/subscriptions'
import { DOWNLOAD_LINK_SECONDS } from '../ports/files'
import { goodStandingId, memberNoOfGoodStanding, type CertificatePdfs, type GoodStandingStore, type StoredGoodStanding } from '../ports/good-standing'
import { issueCredential, ownMember } from './credentials'
import { AppError, expectFresh } from './errors'
import { notifyMember } from './subscriptions'

export interface GoodStandingDeps {
  accounts: AccountStore
  applications: GoodStandingStore
  pdfs: CertificatePdfs
  notices: WechatNotices
  clock: Clock
}

function publicView({ version: _version, ...application }: GoodStandingApplication & { version?: number }): GoodStandingApplication {
  return application
}

export async function applyForGoodStanding(
  deps: GoodStandingDeps,
  caller: Caller,
  input: { englishName: string; purpose: string; addressee: string },
): Promise<GoodStandingApplication> {
  const member = await ownMember(deps.accounts, caller)
  if (member.status !== 'active') throw new AppError('FORBIDDEN', '会员资格非正常状态，不能申请良好存续证明')
  const now = deps.clock.now()
  const submittedAt = now.toISOString()
  const application: GoodStandingApplication = {
    id: goodStandingId(member.memberNo, now),
    memberNo: member.memberNo,
    memberName: member.name,
    association: associationName(member.associationCode),
    ...input,
    status: 'pending',
    submittedAt,
    decidedAt: null,
    returnReason: null,
  }
  const outcome = await deps.applications.create(application, listedAs(application), {
    node: '会员提交良好存续证明申请',
    unit: application.association,
    opinion: input.purpose,
    at: submittedAt,
  })
  if (outcome === 'open-already') throw new AppError('CONFLICT', '您已有一份审批中的良好存续证明申请，请等待中注协审批')
  return application
}

export async function myGoodStanding(deps: GoodStandingDeps, caller: Caller) {
  return { applications: (await deps.applications.ofMember(caller.username)).map(publicView) }
}

export async function foundApplication(deps: Pick<GoodStandingDeps, 'applications'>, id: string) {
  const application = await deps.applications.get(id)
  if (!application) throw new AppError('NOT_FOUND', '申请不存在')
  return application
}

/** What CICPA staff see of an application: it as the member sees it, with its approval trail. */
async function withTrail(deps: Pick<GoodStandingDeps, 'applications'>, application: GoodStandingApplication) {
  return { ...publicView(application), trail: await deps.applications.trail(application.id) }
}

export async function reviewGoodStanding(deps: GoodStandingDeps, id: string) {
  return withTrail(deps, await foundApplication(deps, id))
}

/** How an application shows in CICPA's lists, pending and handled. */
const listedAs = (application: Pick<GoodStandingApplication, 'memberName' | 'englishName' | 'association'>) => ({
  title: application.memberName,
  subtitle: `${application.englishName} · ${application.association}`,
})

export async function decideGoodStanding(deps: GoodStandingDeps, caller: Caller, id: string, input: { decision: 'approve' | 'return'; reason?: string }) {
  return withTrail(deps, await recordGoodStandingDecision(deps, caller, await foundApplication(deps, id), input))
}

/** CICPA's decision on an application as `found` read it; a batch pass uses it too. */
export async function recordGoodStandingDecision(
  deps: Pick<GoodStandingDeps, 'applications' | 'notices' | 'clock'>,
  caller: Caller,
  current: StoredGoodStanding,
  input: { decision: 'approve' | 'return'; reason?: string },
): Promise<GoodStandingApplication> {
  if (current.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理，请刷新后查看')
  const decidedAt = deps.clock.now().toISOString()
  const decided: GoodStandingApplication = {
    ...publicView(current),
    status: input.decision === 'approve' ? 'approved' : 'returned',
    decidedAt,
    returnReason: input.decision === 'return' ? input.reason! : null,
  }
  await expectFresh(
    deps.applications.decide(
      current,
      decided,
      {
        node: input.decision === 'approve' ? '中注协审批通过' : '中注协审批退回',
        unit: CICPA_NAME,
        opinion: input.decision === 'approve' ? '同意' : input.reason!,
        at: decidedAt,
      },
      { inbox: listedAs(current), decidedBy: caller.displayName },
    ),
  )
  await notifyMember(deps.notices, memberNoOfGoodStanding(current.id), {
    template: 'decision',
    subject: '会员资格良好存续证明（英文）',
    result: input.decision === 'approve' ? '已通过' : '已退回',
    at: new Date(decidedAt),
    note: input.decision === 'approve' ? '可在小程序中下载证明' : input.reason!,
    page: 'subpackages/credential/good-standing/index',
  })
  return decided
}

/**
 * The PDF is made on first download and kept; each download gets a link valid for minutes.
 * Another member's certificate id answers 404, like a missing one.
 */
export async function downloadGoodStanding(deps: GoodStandingDeps, caller: Caller, id: string) {
  if (memberNoOfGoodStanding(id) !== caller.username) throw new AppError('NOT_FOUND', '申请不存在')
  const application = publicView(await foundApplication(deps, id))
  if (application.status !== 'approved') throw new AppError('CONFLICT', '证明尚未通过中注协审批，暂不能下载')
  if (!(await deps.pdfs.exists(application))) {
    const member = await ownMember(deps.accounts, caller)
    const { url } = await issueCredential(deps.clock, 'membership', member.memberNo)
    // pdf-lib and its fonts are ~500 KB: loaded by the first certificate made, not by every cold start.
    const [{ default: QRCode }, { goodStandingPdf }] = await Promise.all([import('qrcode'), import('./good-standing-pdf')])
    const qrPng = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
    await deps.pdfs.store(application, await goodStandingPdf({ ...application, joinDate: member.joinDate }, qrPng, url, deps.clock.now()))
  }
  return {
    url: await deps.pdfs.downloadLink(application),
    fileName: `CICPA-Certificate-of-Good-Standing-${application.memberNo}.pdf`,
    expiresInSeconds: DOWNLOAD_LINK_SECONDS,
  }
}
