import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, DEMO_STAFF, type DemoAccount } from '../../functions/local/demo-data'
import { applicationFor, preparedApplicant, submitApplication } from '../support/admission-flow'
import { PDF, uploadTo } from '../support/files'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const [cicpaStaff, zjStaff] = DEMO_STAFF as [DemoAccount, DemoAccount]
const [zhang, li] = DEMO_MEMBERS as [(typeof DEMO_MEMBERS)[number], (typeof DEMO_MEMBERS)[number]]
const tokenOf = (who: DemoAccount) => stack.api.token(who.userType, who.username, who.password)

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

/** Local approval, then CICPA confirmation, each at the version the reviewer read. */
async function approve(businessNo: string) {
  for (const reviewer of [zjStaff, cicpaStaff]) {
    const token = await tokenOf(reviewer)
    const { body: review } = await stack.api.request('GET', `/api/v1/admission/reviews/${businessNo}`, { token })
    const decided = await stack.api.request('POST', `/api/v1/admission/reviews/${businessNo}/decision`, { token, body: { action: 'approve', opinion: '', version: review.version } })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)
  }
}

/** The new member's first login: the initial password from the progress page, replaced at once. */
async function firstLogin(businessNo: string): Promise<string> {
  const progress = await stack.api.request('POST', '/api/v1/admission/progress/by-number', { body: { businessNo, ...(await stack.api.solvedCaptcha()) } })
  const { memberNo, initialPassword } = progress.body.account
  const login = await stack.api.login('non_practising', memberNo, initialPassword)
  const changed = await stack.api.request('POST', '/api/v1/auth/password', { token: login.body.accessToken, body: { oldPassword: initialPassword, newPassword: 'Xinhuiyuan2026' } })
  expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  return changed.body.accessToken
}

describe('the member record', () => {
  it('carries what the admission form collected into the member an approved application creates', async () => {
    const form = applicationFor('913', { name: '方圆', ethnicity: '壮族', politicalStatus: '中共预备党员', household: '广西壮族自治区南宁市青秀区', education: '硕士研究生' })
    const submitted = await submitApplication(stack.api, { ...form, ...(await preparedApplicant(stack.api)) })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    await approve(submitted.body.businessNo)
    const token = await firstLogin(submitted.body.businessNo)

    const me = await stack.api.request('GET', '/api/v1/me', { token })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      name: '方圆',
      ethnicity: '壮族',
      birthDate: '1999-05-06',
      politicalStatus: '中共预备党员',
      region: '浙江省',
      household: '广西壮族自治区南宁市青秀区',
      idNumberMasked: `3301**********${form.idNumber.slice(-4)}`,
    })

    // 完善信息 opens with what the form already said.
    const info = await stack.api.request('GET', '/api/v1/inspection/profile', { token })
    expect(info.body).toEqual({
      saved: null,
      savedAt: null,
      complete: false,
      draft: { contact: { mobile: '13700001111', email: 'sunyue@example.com' }, work: { workUnit: '杭州某某会计服务有限公司' }, education: { education: '硕士研究生' } },
    })
  })

  it('pre-fills 完善信息 for a member who never opened it, and keeps what the member typed after that', async () => {
    const token = await tokenOf(li.account)
    const first = await stack.api.request('GET', '/api/v1/inspection/profile', { token })
    expect(first.body.draft).toEqual({ contact: { mobile: li.phone, email: li.email }, work: { workUnit: li.workUnit }, education: { education: li.education } })
    const typed = { contact: { mobile: '13957199999', address: '杭州市上城区解放路1号' } }
    expect((await stack.api.request('PUT', '/api/v1/inspection/profile/draft', { token, body: typed })).status).toBe(200)
    expect((await stack.api.request('GET', '/api/v1/inspection/profile', { token })).body.draft).toEqual(typed)
  })

  it('shows 民族, 出生日期, 政治面貌, 所在地区 and 户口所在地 in 年检信息 with the ID number masked', async () => {
    // A deferral needs only a proof, so the year's hours and fee do not matter here.
    const token = await tokenOf(zhang.account)
    const { body: overview } = await stack.api.request('GET', '/api/v1/inspection/overview', { token })
    const presigned = await stack.api.request('POST', '/api/v1/inspection/materials/uploads', { token, body: { purpose: 'deferral', fileName: '证明.pdf', size: 2048 } })
    await uploadTo(presigned.body, PDF())
    await stack.api.request('POST', '/api/v1/inspection/materials', { token, body: { purpose: 'deferral', fileName: '证明.pdf', key: presigned.body.key } })
    const applied = await stack.api.request('POST', '/api/v1/inspection/deferrals', { token, body: { year: overview.year, commitmentAccepted: true, reason: '外派境外工作' } })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    const detail = await stack.api.request('GET', `/api/v1/inspection/applications/${applied.body.application.id}`, { token })
    expect(detail.body.member).toMatchObject({
      name: '张晓明',
      ethnicity: zhang.ethnicity,
      gender: '男',
      birthDate: zhang.birthDate,
      idType: '居民身份证',
      idNumberMasked: '3301**********2312',
      politicalStatus: zhang.politicalStatus,
      region: zhang.region,
      household: zhang.household,
    })
    expect(JSON.stringify(detail.body)).not.toContain(zhang.idNumber)
  })
})
