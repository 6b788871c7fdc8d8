import { describe, expect, it } from 'vitest'
import { subscriptionData, wechatText } from '../../functions/adapters/wechat'
import type { Caller } from '../../functions/auth/tokens'
import { consentChange, decisionNotice, notifyMember, recordConsent, sendToAccount } from '../../functions/usecases/subscriptions'
import { memoryNotices } from '../support/wechat-notices'

const NOW = new Date('2027-03-02T02:30:00Z')
const caller = { accountId: 'non_practising#330000269001', username: '330000269001', userType: 'non_practising', role: 'member' } as Caller

function setUp(options: { failSends?: boolean } = {}) {
  const memory = memoryNotices(options)
  memory.bind('330000269001', 'openid-1')
  const consent = { wechat: memory.notices.wechat, credits: memory.notices.credits, clock: { now: () => NOW } }
  const decision = decisionNotice(
    {
      id: 'm1',
      title: '您的2026年度年检申请已通过',
      node: '地方注协审核通过',
      unit: '浙江省注册会计师协会',
      opinion: '同意',
      at: NOW.toISOString(),
      read: false,
      subject: 'inspection',
      subjectId: 'x',
    },
    '2026年度年检申请',
    '已通过',
  )
  return { ...memory, consent, decision }
}

describe('consent to subscription messages', () => {
  it('counts one send credit per acceptance; a refusal or a filtered template stores nothing', async () => {
    const { consent } = setUp()
    expect((await recordConsent(consent, caller, { 'TPL-DECISION': 'accept', 'TPL-CODE': 'reject' })).credits).toEqual({ code: 0, decision: 1, reminder: 0 })
    expect((await recordConsent(consent, caller, { 'TPL-DECISION': 'accept', 'TPL-CODE': 'filter' })).credits).toEqual({ code: 0, decision: 2, reminder: 0 })
    expect((await recordConsent(consent, caller, { 'TPL-DECISION': 'reject' })).credits).toEqual({ code: 0, decision: 2, reminder: 0 })
    expect(['accept', 'reject', 'ban', 'filter'].map((result) => consentChange(result as never))).toEqual(['grant', 'none', 'clear', 'none'])
  })

  it('drops the credits of a template WeChat banned', async () => {
    const { consent } = setUp()
    await recordConsent(consent, caller, { 'TPL-CODE': 'accept' })
    await recordConsent(consent, caller, { 'TPL-CODE': 'accept' })
    expect((await recordConsent(consent, caller, { 'TPL-CODE': 'ban' })).credits).toEqual({ code: 0, decision: 0, reminder: 0 })
  })

  it('refuses template ids this deployment does not send, naming the field', async () => {
    const { consent } = setUp()
    await expect(recordConsent(consent, caller, { 'TPL-OTHER': 'accept' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fieldErrors: { results: '订阅结果中含有未知的消息模板' },
    })
  })

  it('delivers one message per credit: two decisions after one acceptance send one', async () => {
    const { consent, notices, sent, decision } = setUp()
    await recordConsent(consent, caller, { 'TPL-DECISION': 'accept' })
    const outcomes = await Promise.all([notifyMember(notices, '330000269001', decision), notifyMember(notices, '330000269001', decision)])
    expect(outcomes.sort()).toEqual(['no-credit', 'sent'])
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ openid: 'openid-1', message: { template: 'decision', result: '已通过' } })
  })

  it('sends nothing without an acceptance, or to a member without a bound WeChat', async () => {
    const { notices, sent, decision } = setUp()
    expect(await notifyMember(notices, '330000269001', decision)).toBe('no-credit')
    expect(await notifyMember(notices, '330000269999', decision)).toBe('unbound')
    expect(sent).toEqual([])
  })

  it('logs a failed delivery for the operator and never throws', async () => {
    const { consent, notices, events, decision } = setUp({ failSends: true })
    await recordConsent(consent, caller, { 'TPL-DECISION': 'accept' })
    expect(await notifyMember(notices, '330000269001', decision)).toBe('failed')
    expect(events).toEqual([{ event: 'delivery-failed', details: expect.objectContaining({ channel: 'wechat', reason: expect.stringContaining('43101') }) }])
    expect(await sendToAccount(notices, caller.accountId, { template: 'code', code: '123456' }, NOW.toISOString())).toBe('no-credit')
  })
})

describe('template data', () => {
  it('keeps thing fields within 20 characters and the time in China time', () => {
    const { data, page } = subscriptionData({
      template: 'decision',
      subject: '产出式学时申请“在核心期刊发表关于非执业会员继续教育的论文”',
      result: '已退回',
      at: NOW,
      note: '',
      page: 'subpackages/inspection/message/index?id=m1',
    })
    expect([...data.thing1!]).toHaveLength(20)
    expect(data.thing1!.endsWith('…')).toBe(true)
    expect(data).toMatchObject({ phrase2: '已退回', time3: '2027-03-02 10:30', thing4: '无' })
    expect(page).toBe('subpackages/inspection/message/index?id=m1')
  })

  it('refuses a phrase WeChat would refuse, and shows the code message as WeChat would', () => {
    expect(() => subscriptionData({ template: 'decision', subject: '年检', result: '已通过，认可8学时', at: NOW, note: '', page: 'p' })).toThrow('phrase')
    expect(wechatText({ template: 'code', code: '654321' })).toBe('【验证码通知】验证码：654321；用途：找回密码，5分钟内有效（打开 pages/login/index）')
  })
})
