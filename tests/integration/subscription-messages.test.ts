import { describe, expect } from 'vitest'
import { localOpenid } from '../../functions/adapters/wechat'
import { applicationFor, preparedApplicant, submitApplication } from '../support/admission-flow'
import type { ApiClient } from '../support/api-client'
import type { SignedIn, SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test } from '../support/fixtures'

/** The local deployment's template ids, as `GET /wechat/subscriptions` serves them to the mini-program. */
async function templateIds(api: ApiClient) {
  const { templates } = await api.ok('subscriptionTemplates')
  return Object.fromEntries(templates.map((template) => [template.key, template.id])) as Record<'code' | 'decision', string>
}

const wechatMessages = async (api: ApiClient, wechatUser: string) =>
  (await api.ok('devOutbox', { query: { channel: 'wechat', recipient: localOpenid(wechatUser) } })).messages.map((message) => message.body)

let users = 0
/** A member who binds a WeChat of their own in 我的, the way the mini-program does. */
async function bound(member: SignedMember) {
  const wechatUser = `sub-${++users}-${Date.now()}`
  await member.ok('wechatBind', { body: { code: `local:${wechatUser}` } })
  return wechatUser
}

async function applyAndPass(member: SignedMember, staff: SignedIn) {
  await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
  const params = { id: `${member.member.memberNo}-${inspectionYear()}` }
  const { version } = await staff.ok('inspectionDetail', { params })
  await staff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version } })
}

describe('订阅消息: decisions reach the member in WeChat when they accepted the template', () => {
  test('accepted at submission: the 年检 decision goes to the bound WeChat beside the 🔔 message', async ({ stack, aMember, localStaff }) => {
    const member = await aMember({ hours: 40, fee: '免会费', info: true })
    const wechatUser = await bound(member)
    const ids = await templateIds(stack.api)
    expect(await member.ok('subscribe', { body: { results: { [ids.decision]: 'accept' } } })).toEqual({ credits: { code: 0, decision: 1, reminder: 0 } })

    await applyAndPass(member, localStaff)
    const [message] = await wechatMessages(stack.api, wechatUser)
    expect(message).toMatch(
      new RegExp(`^【审核结果通知】审核事项：${inspectionYear()}年度年检申请；审核结果：已通过；审核时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}；备注：同意`),
    )
    expect(message).toContain('subpackages/inspection/message/index?id=')
    expect((await member.ok('memberMessages')).unread).toBe(1)
    // The one acceptance is spent.
    expect(await member.ok('subscribe', { body: { results: { [ids.decision]: 'reject' } } })).toEqual({ credits: { code: 0, decision: 0, reminder: 0 } })
  })

  test('not accepted: no WeChat message, the in-app message is still there', async ({ stack, aMember, localStaff }) => {
    const member = await aMember({ hours: 40, fee: '免会费', info: true })
    const wechatUser = await bound(member)
    await member.ok('subscribe', { body: { results: { [(await templateIds(stack.api)).decision]: 'reject' } } })

    await applyAndPass(member, localStaff)
    expect(await wechatMessages(stack.api, wechatUser)).toEqual([])
    expect((await member.ok('memberMessages')).items[0]).toMatchObject({ title: `您的${inspectionYear()}年度年检申请已通过`, read: false })
  })

  test('refuses unknown templates and non-members, naming the field', async ({ stack, member, localStaff }) => {
    const unknown = await member.refused('subscribe', { body: { results: { 'not-a-template': 'accept' } } })
    expect(unknown).toMatchObject({ status: 400, body: { fieldErrors: { results: '订阅结果中含有未知的消息模板' } } })
    const badResult = await member.call('subscribe', { body: { results: { [(await templateIds(stack.api)).code]: 'maybe' as never } } })
    expect(badResult.status).toBe(400)
    expect((await localStaff.call('subscribe', { body: { results: { x: 'accept' } } })).status).toBe(403)
  })
})

describe('找回密码 by WeChat needs an accepted 验证码 template', () => {
  const startReset = (stack: { api: ApiClient }, memberNo: string) => stack.api.ok('resetStart', { body: { userType: 'non_practising', memberNo } })

  test('bound without consent: the answer says to use SMS, and SMS can be asked for at once', async ({ stack, member }) => {
    await bound(member)
    const { resetId, wechatBound } = await startReset(stack, member.member.memberNo)
    expect(wechatBound).toBe(true)
    const refused = await stack.api.refused('resetSendCode', { body: { resetId, channel: 'wechat' } })
    expect(refused).toMatchObject({ status: 409, body: { message: '微信消息未送达：您尚未允许接收验证码通知，请改用短信验证' } })
    expect(await stack.api.ok('resetSendCode', { body: { resetId, channel: 'sms', phone: member.member.phone! } })).toEqual({
      resendAfterSeconds: 60,
      expiresInSeconds: 300,
    })
  })

  test('accepted once: one code arrives in WeChat and spends the acceptance', async ({ stack, member }) => {
    const wechatUser = await bound(member)
    const { code } = await templateIds(stack.api)
    await member.ok('subscribe', { body: { results: { [code]: 'accept' } } })
    const { resetId } = await startReset(stack, member.member.memberNo)
    expect((await stack.api.call('resetSendCode', { body: { resetId, channel: 'wechat' } })).status).toBe(200)
    expect(await wechatMessages(stack.api, wechatUser)).toEqual([expect.stringMatching(/^【验证码通知】验证码：\d{6}；用途：找回密码，5分钟内有效/)])
    expect((await member.ok('subscribe', { body: { results: { [code]: 'reject' } } })).credits.code).toBe(0)
  })

  test('an unbound member hears the same kind of advice', async ({ stack, member }) => {
    const { resetId } = await startReset(stack, member.member.memberNo)
    expect(await stack.api.refused('resetSendCode', { body: { resetId, channel: 'wechat' } })).toMatchObject({
      status: 409,
      body: { message: '微信消息未送达：您尚未绑定微信，请改用短信验证' },
    })
  })
})

describe('入会申请: the applicant accepts at submission, the decision reaches the WeChat that submitted', () => {
  let applicants = 0
  /** Submits as the mini-program does: the form, a wx.login code and the answer to the 审核结果通知 prompt. */
  async function submitWithWechat(api: ApiClient, result: 'accept' | 'reject') {
    const wechatUser = `applicant-${++applicants}-${Date.now()}`
    const form = applicationFor(String(700 + applicants))
    const wechat = { code: `local:${wechatUser}`, results: { [(await templateIds(api)).decision]: result } }
    const submitted = await submitApplication(api, { ...form, ...(await preparedApplicant(api)), wechat })
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    return { businessNo: submitted.body.businessNo as string, wechatUser, form }
  }

  async function decide(staff: SignedIn, businessNo: string, action: 'approve' | 'return', opinion = '') {
    const { version } = await staff.ok('admissionReview', { params: { businessNo } })
    await staff.ok('admissionDecide', { params: { businessNo }, body: { action, opinion, version } })
  }

  test('accepted: the first decision arrives with the 业务编号 and result, the one credit spent on it', async ({ stack, localStaff, cicpaStaff }) => {
    const { businessNo, wechatUser, form } = await submitWithWechat(stack.api, 'accept')
    await decide(localStaff, businessNo, 'approve')
    await decide(cicpaStaff, businessNo, 'approve')

    const messages = await wechatMessages(stack.api, wechatUser)
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(
          `^【审核结果通知】审核事项：非执业会员入会申请；审核结果：初审通过；审核时间：[^；]+；备注：业务编号${businessNo}（打开 subpackages/admission/progress/index\\?businessNo=${businessNo}）$`,
        ),
      ),
    ])
    expect(messages[0]).not.toContain(form.idNumber)
  })

  test('not accepted: the decision sends nothing', async ({ stack, localStaff }) => {
    const { businessNo, wechatUser } = await submitWithWechat(stack.api, 'reject')
    await decide(localStaff, businessNo, 'approve')
    expect(await wechatMessages(stack.api, wechatUser)).toEqual([])
  })

  test('a return, then a resubmission that accepts again: one message for each acceptance', async ({ stack, localStaff }) => {
    const { businessNo, wechatUser, form } = await submitWithWechat(stack.api, 'accept')
    await decide(localStaff, businessNo, 'return', '照片不清晰')
    const progress = await stack.api.ok('admissionProgressByNumber', { body: { businessNo, ...(await stack.api.solvedCaptcha()) } })
    const { decision } = await templateIds(stack.api)
    await stack.api.ok('admissionResubmit', {
      params: { businessNo },
      body: {
        ...progress.resubmit!.form,
        idNumber: form.idNumber,
        resubmitToken: progress.resubmit!.token,
        wechat: { code: `local:${wechatUser}`, results: { [decision]: 'accept' } },
      },
    })
    await decide(localStaff, businessNo, 'approve')
    const results = (await wechatMessages(stack.api, wechatUser)).map((message) => /审核结果：([^；]+)/.exec(message)?.[1])
    expect(results.sort()).toEqual(['初审通过', '已退回'].sort())
  })

  test('an unknown template id is refused, naming the field, and stores nothing', async ({ stack }) => {
    const form = applicationFor('799')
    const refused = await submitApplication(stack.api, {
      ...form,
      ...(await preparedApplicant(stack.api)),
      wechat: { code: 'local:someone', results: { 'not-a-template': 'accept' } },
    })
    expect(refused).toMatchObject({ status: 400, body: { fieldErrors: { results: '订阅结果中含有未知的消息模板' } } })
    expect((await submitApplication(stack.api, { ...form, ...(await preparedApplicant(stack.api)) })).status).toBe(200)
  })
})
