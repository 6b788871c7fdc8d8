import { describe, expect } from 'vitest'
import { localOpenid } from '../../functions/adapters/wechat'
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
    expect(await member.ok('subscribe', { body: { results: { [ids.decision]: 'accept' } } })).toEqual({ credits: { code: 0, decision: 1 } })

    await applyAndPass(member, localStaff)
    const [message] = await wechatMessages(stack.api, wechatUser)
    expect(message).toMatch(
      new RegExp(`^【审核结果通知】审核事项：${inspectionYear()}年度年检申请；审核结果：已通过；审核时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}；备注：同意`),
    )
    expect(message).toContain('subpackages/inspection/message/index?id=')
    expect((await member.ok('memberMessages')).unread).toBe(1)
    // The one acceptance is spent.
    expect(await member.ok('subscribe', { body: { results: { [ids.decision]: 'reject' } } })).toEqual({ credits: { code: 0, decision: 0 } })
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
