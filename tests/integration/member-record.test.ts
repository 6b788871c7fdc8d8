import { describe, expect } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { applicationFor, preparedApplicant, submitApplication } from '../support/admission-flow'
import type { SignedIn } from '../support/builders'
import { PDF, uploadTo } from '../support/files'
import { test } from '../support/fixtures'

/** Local approval, then CICPA confirmation, each at the version the reviewer read. */
async function approve(businessNo: string, reviewers: SignedIn[]) {
  for (const reviewer of reviewers) {
    const review = await reviewer.ok('admissionReview', { params: { businessNo } })
    await reviewer.ok('admissionDecide', { params: { businessNo }, body: { action: 'approve', opinion: '', version: review.version } })
  }
}

/** The new member's first login: the initial password from the progress page, replaced at once. */
async function firstLogin(api: ApiClient, businessNo: string): Promise<string> {
  const progress = await api.ok('admissionProgressByNumber', { body: { businessNo, ...(await api.solvedCaptcha()) } })
  const { memberNo, initialPassword } = progress.account!
  const login = await api.login('non_practising', memberNo, initialPassword!)
  const changed = await api.ok('changePassword', { as: login.body.accessToken, body: { oldPassword: initialPassword!, newPassword: 'Xinhuiyuan2026' } })
  return changed.accessToken
}

describe('the member record', () => {
  test('carries what the admission form collected into the member an approved application creates', async ({ stack, localStaff, cicpaStaff }) => {
    const form = applicationFor('913', {
      name: '方圆',
      ethnicity: '壮族',
      politicalStatus: '中共预备党员',
      household: '广西壮族自治区南宁市青秀区',
      education: '硕士研究生',
    })
    const submitted = await submitApplication(stack.api, { ...form, ...(await preparedApplicant(stack.api)) })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    await approve(submitted.body.businessNo, [localStaff, cicpaStaff])
    const token = await firstLogin(stack.api, submitted.body.businessNo)

    expect(await stack.api.ok('profile', { as: token })).toMatchObject({
      name: '方圆',
      ethnicity: '壮族',
      birthDate: '1999-05-06',
      politicalStatus: '中共预备党员',
      region: '浙江省',
      household: '广西壮族自治区南宁市青秀区',
      idNumberMasked: `3301**********${form.idNumber.slice(-4)}`,
    })

    // 完善信息 opens with what the form already said.
    expect(await stack.api.ok('memberInfo', { as: token })).toEqual({
      saved: null,
      savedAt: null,
      complete: false,
      draft: {
        contact: { mobile: '13700001111', email: 'sunyue@example.com' },
        work: { workUnit: '杭州某某会计服务有限公司' },
        education: { education: '硕士研究生' },
      },
      version: 0,
    })
  })

  test('pre-fills 完善信息 for a member who never opened it, and keeps what the member typed after that', async ({ member }) => {
    const { phone, email, workUnit, education } = member.member
    expect((await member.ok('memberInfo')).draft).toEqual({ contact: { mobile: phone, email }, work: { workUnit }, education: { education } })
    const typed = { contact: { mobile: '13957199999', address: '杭州市上城区解放路1号' } }
    await member.ok('saveMemberInfoDraft', { body: { ...typed, version: 0 } })
    expect((await member.ok('memberInfo')).draft).toEqual(typed)
  })

  test('shows 民族, 出生日期, 政治面貌, 所在地区 and 户口所在地 in 年检信息 with the ID number masked', async ({ aMember }) => {
    // A deferral needs only a proof, so the year's hours and fee do not matter here.
    const zhang = await aMember({
      record: { name: '张晓明', gender: '男', ethnicity: '回族', birthDate: '1990-01-01', politicalStatus: '中共党员', household: '浙江省杭州市西湖区' },
    })
    const { year } = await zhang.ok('inspectionOverview')
    const presigned = await zhang.ok('presignMaterial', { body: { purpose: 'deferral', fileName: '证明.pdf', size: 2048 } })
    await uploadTo(presigned, PDF())
    await zhang.ok('attachMaterial', { body: { purpose: 'deferral', fileName: '证明.pdf', key: presigned.key } })
    const applied = await zhang.ok('submitDeferral', { body: { year, commitmentAccepted: true, reason: '外派境外工作' } })
    const detail = await zhang.ok('inspectionDetail', { params: { id: applied.application.id } })
    const { idNumber } = zhang.member
    expect(detail.member).toMatchObject({
      name: '张晓明',
      ethnicity: '回族',
      gender: '男',
      birthDate: '1990-01-01',
      idType: '居民身份证',
      idNumberMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      politicalStatus: '中共党员',
      region: '浙江省',
      household: '浙江省杭州市西湖区',
    })
    expect(JSON.stringify(detail)).not.toContain(idNumber)
  })
})
