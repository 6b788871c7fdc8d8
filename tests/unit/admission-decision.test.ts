import { describe, expect, it } from 'vitest'
import type { Caller } from '../../functions/auth/tokens'
import type { AccountStore } from '../../functions/ports/accounts'
import type { AdmissionDecision, AdmissionStore, StoredApplication } from '../../functions/ports/admissions'
import type { CaptchaStore } from '../../functions/ports/captchas'
import type { FileStore } from '../../functions/ports/files'
import type { GoodStandingStore } from '../../functions/ports/good-standing'
import { StaleWrite } from '../../functions/ports/outcomes'
import { applicationSubject } from '../../functions/ports/subscriptions'
import type { RateLimits } from '../../functions/ports/rate-limits'
import { decideApplication, type AdmissionDeps } from '../../functions/usecases/admission'
import { AppError } from '../../functions/usecases/errors'
import { decideGoodStanding, type GoodStandingDeps } from '../../functions/usecases/good-standing'
import { memoryNotices } from '../support/wechat-notices'

const clock = { now: () => new Date() }
const zjStaff: Caller = {
  accountId: 'staff#zj',
  username: 'zj_staff',
  displayName: '浙江审核员',
  userType: 'staff',
  role: 'local_staff',
  associationCode: 'ZJ',
  mustChangePassword: false,
  tokenVersion: 0,
}

const waiting = (): StoredApplication => ({
  name: '陈静',
  gender: '女',
  ethnicity: '汉族',
  birthDate: '',
  idType: '居民身份证',
  idNumber: '',
  politicalStatus: '共青团员',
  region: '浙江省',
  household: '浙江省杭州市上城区',
  phone: '13905711234',
  education: '硕士研究生',
  workUnit: '杭州某某财务咨询有限公司',
  certificateNo: '',
  certificateDate: '',
  formerPractising: false,
  associationCode: 'ZJ',
  photoKey: 'admission/photos/demo/a.png',
  businessNo: 'RH-TEST-1',
  identityDigest: 'digest',
  stage: 'local_pending',
  version: 3,
  submittedAt: clock.now().toISOString(),
  updatedAt: clock.now().toISOString(),
})

const unused = async () => {
  throw new Error('not expected in this test')
}

/** Applications kept in memory; `decide` records what it was asked, or reports the write lost. */
function admissionDeps(application: StoredApplication, decideOutcome: 'stored' | 'stale', options: { failSends?: boolean } = {}) {
  const decisions: AdmissionDecision[] = []
  let stored = application
  const admissions: AdmissionStore = {
    get: async (businessNo) => (businessNo === stored.businessNo ? stored : undefined),
    latestOf: unused,
    openOf: unused,
    memberOfIdentity: unused,
    trail: async () => [],
    earlierSubmit: unused,
    submit: unused,
    resubmit: unused,
    decide: async (current, decision) => {
      if (decideOutcome === 'stale') throw new StaleWrite()
      decisions.push(decision)
      stored = { ...current, stage: decision.stage, version: current.version + 1 }
    },
    nextMemberSequence: unused,
    memberExists: unused,
    forgetInitialPassword: unused,
  }
  const memory = memoryNotices(options)
  const deps: AdmissionDeps = {
    admissions,
    captchas: {} as CaptchaStore,
    accounts: { get: unused },
    files: { presignDownload: async (key) => `https://files.example/${key}` } as FileStore,
    rateLimits: {} as RateLimits,
    clock,
    wechat: { ...memory.notices, identity: { isLocalFake: true, openidForCode: unused } },
  }
  return { deps, decisions, ...memory }
}

describe('admission decision through its ports', () => {
  it('hands a local approval to the CICPA inbox', async () => {
    const { deps, decisions } = admissionDeps(waiting(), 'stored')
    const answer = await decideApplication(deps, zjStaff, 'RH-TEST-1', { action: 'approve', opinion: '', version: 3 })
    // The answer is the application as it is now: at CICPA, no longer this level's to decide.
    expect(answer).toMatchObject({ stage: 'cicpa_pending', memberNo: null, version: 4, level: 'cicpa', canDecide: false })
    expect(decisions).toEqual([{ stage: 'cicpa_pending', inbox: { scope: 'CICPA', title: '陈静', subtitle: '业务编号 RH-TEST-1 · 浙江省注册会计师协会' } }])
  })

  it('answers a decision that lost its conditional write with 409, not 500', async () => {
    const { deps } = admissionDeps(waiting(), 'stale')
    const refusal = decideApplication(deps, zjStaff, 'RH-TEST-1', { action: 'return', opinion: '照片不清晰', version: 3 })
    await expect(refusal).rejects.toBeInstanceOf(AppError)
    await expect(refusal).rejects.toMatchObject({ code: 'CONFLICT', message: '该记录已被他人修改，请刷新后重试' })
  })
})

describe("admission decision in the applicant's WeChat", () => {
  const withOpenid = () => ({ ...waiting(), openid: 'openid-applicant' })
  const approve = (deps: AdmissionDeps) => decideApplication(deps, zjStaff, 'RH-TEST-1', { action: 'approve', opinion: '', version: 3 })

  it('sends the business number and result to the openid kept with the application, spending its credit', async () => {
    const { deps, sent, notices } = admissionDeps(withOpenid(), 'stored')
    await notices.credits.grant(applicationSubject('RH-TEST-1'), 'decision', clock.now().toISOString())
    await approve(deps)
    expect(sent).toEqual([
      {
        openid: 'openid-applicant',
        message: expect.objectContaining({
          template: 'decision',
          subject: '非执业会员入会申请',
          result: '初审通过',
          note: '业务编号RH-TEST-1',
          page: 'subpackages/admission/progress/index?businessNo=RH-TEST-1',
        }),
      },
    ])
    expect(await notices.credits.credits(applicationSubject('RH-TEST-1'), 'decision')).toBe(0)
  })

  it('sends nothing without a credit, and a failed delivery is logged without failing the decision', async () => {
    const unaccepted = admissionDeps(withOpenid(), 'stored')
    await approve(unaccepted.deps)
    expect(unaccepted.sent).toEqual([])

    const failing = admissionDeps(withOpenid(), 'stored', { failSends: true })
    await failing.notices.credits.grant(applicationSubject('RH-TEST-1'), 'decision', clock.now().toISOString())
    expect(await approve(failing.deps)).toMatchObject({ stage: 'cicpa_pending' })
    expect(failing.events).toEqual([{ event: 'delivery-failed', details: expect.objectContaining({ purpose: 'decision', channel: 'wechat' }) }])
  })
})

describe('good-standing decision through its ports', () => {
  it('answers a decision that lost its conditional write with 409', async () => {
    const application = {
      id: 'GS-330000260001-abc',
      memberNo: '330000260001',
      memberName: '张晓明',
      association: '浙江省注册会计师协会',
      englishName: 'Zhang Xiaoming',
      purpose: 'Visa',
      addressee: 'Embassy',
      status: 'pending' as const,
      submittedAt: clock.now().toISOString(),
      decidedAt: null,
      returnReason: null,
      version: 1,
    }
    const applications: GoodStandingStore = {
      create: async () => 'created',
      get: async () => application,
      ofMember: async () => [application],
      trail: unused,
      decide: async () => {
        throw new StaleWrite()
      },
    }
    const deps: GoodStandingDeps = {
      applications,
      accounts: {} as AccountStore,
      pdfs: { exists: unused, store: unused, downloadLink: unused },
      notices: memoryNotices().notices,
      clock,
    }
    const cicpaStaff: Caller = { ...zjStaff, accountId: 'staff#cicpa', username: 'cicpa_admin', role: 'cicpa_staff' }
    await expect(decideGoodStanding(deps, cicpaStaff, application.id, { decision: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '该记录已被他人修改，请刷新后重试',
    })
  })
})
