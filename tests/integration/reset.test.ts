import { standInFacts } from '../../functions/usecases/reset'
import { createHash } from 'node:crypto'
import { setClock, testDayStart, useTestDay } from '../support/calendar'
import { clock } from '../../functions/adapters/clock'
import { DeleteCommand, GetCommand, QueryCommand } from '../../functions/adapters/dynamo-client'
import { describe, expect } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { localOpenid } from '../../functions/adapters/wechat'
import { localOfficialAccountOpenid } from '../../functions/adapters/wechat-oauth'
import { config } from '../../functions/config'
import type { ApiClient } from '../support/api-client'
import type { SignedMember } from '../support/builders'
import { test as base } from '../support/fixtures'

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`

async function outboxCodes(api: ApiClient, channel: 'sms' | 'wechat', recipient: string): Promise<string[]> {
  const { messages } = await api.ok('devOutbox', { query: { channel, recipient } })
  return messages.map((message) => /\d{6}/.exec(message.body)![0])
}

/** Lets the next code go out at once instead of after 60 s (the cooldown is tested on its own). */
async function endCooldown(userType: string, memberNo: string) {
  await dynamo().send(new DeleteCommand({ TableName: config.tableName, Key: keys.cooldown('reset-code', sha256(`${userType}#${memberNo}`)) }))
}

async function sessionItem(resetId: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.resetSession(sha256(resetId)) }))
  return Item!
}

async function auditEntries(accountId: string) {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :audit)',
      ExpressionAttributeValues: { ':pk': keys.account(accountId).PK, ':audit': 'AUDIT#' },
    }),
  )
  return Items ?? []
}

/**
 * Someone at an address of their own: starting a reset is rate-limited per source, and this file
 * starts more resets than one visitor may. Posts go out raw, as a hand-made request would send them.
 */
function visitorAt(api: ApiClient, address: string) {
  const from = api.from(address)
  const post = (path: string, body: unknown, token?: string) => from.request('POST', `/api/v1${path}`, { body, ...(token ? { token } : {}) })
  async function start(userType: string, memberNo: string) {
    const answer = await post('/reset/start', { userType, memberNo })
    expect(answer.status).toBe(200)
    return answer.body as { resetId: string; phoneMasked: string; wechatBound: boolean; proofTypes: string[] }
  }
  return {
    api: from,
    post,
    start,
    async smsCodeFor({ account, member }: SignedMember): Promise<{ resetId: string; code: string }> {
      const { resetId } = await start(account.userType, member.memberNo)
      await endCooldown(account.userType, member.memberNo)
      const sent = await post('/reset/code', { resetId, channel: 'sms', phone: member.phone })
      expect(sent.status).toBe(200)
      const [code] = await outboxCodes(api, 'sms', member.phone!)
      return { resetId, code: code! }
    },
  }
}

let visitors = 0

/** Each WeChat user is bound to one member only, so every built binding gets a user of its own. */
let wechatUsers = 0

const test = base.extend<{ visitor: ReturnType<typeof visitorAt>; wang: SignedMember & { wechatUser: string } }>({
  visitor: async ({ stack }, use) => use(visitorAt(stack.api, `127.0.1.${++visitors}`)),
  /** A member of 北京 whose WeChat is bound, so her codes go to WeChat. */
  wang: async ({ aMember }, use) => {
    const wechatUser = `wangfang-${++wechatUsers}`
    await use({ ...(await aMember({ association: 'BJ', wechatUser, record: { name: '王芳' } })), wechatUser })
  },
})

describe('member-number step (no enumeration)', () => {
  test('answers a real and an unknown member number with the same shape and a masked phone', async ({ member: zhang, visitor: { start } }) => {
    const real = await start('non_practising', zhang.member.memberNo)
    const unknown = await start('non_practising', '330000269999')
    expect(Object.keys(unknown).sort()).toEqual(Object.keys(real).sort())
    expect(real.phoneMasked).toBe(masked(zhang.member.phone!))
    expect(unknown.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/)
    expect(unknown.proofTypes).toEqual(real.proofTypes)
    // Asking again gives the same stand-in, so comparing answers reveals nothing either.
    const again = await start('non_practising', '330000269999')
    expect(again.phoneMasked).toBe(unknown.phoneMasked)
    expect(again.wechatBound).toBe(unknown.wechatBound)
    expect(again.resetId).not.toBe(unknown.resetId)
  })

  test('treats the wrong user type like an unknown number', async ({ member: zhang, visitor: { start } }) => {
    const asCpa = await start('cpa', zhang.member.memberNo)
    expect(asCpa.phoneMasked).not.toBe(masked(zhang.member.phone!))
    expect(asCpa.proofTypes).toEqual(['email', 'certificateNo', 'archiveUnit'])
  })

  test('refuses bad input with Chinese field messages and stores nothing for staff types', async ({ visitor: { post } }) => {
    const bad = await post('/reset/start', { userType: 'staff', memberNo: '12' })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toEqual({ userType: '请选择有效的用户类型', memberNo: '会员编号格式不正确' })
    const badPhone = await post('/reset/code', { resetId: 'x'.repeat(43), channel: 'sms', phone: '1381234' })
    expect(badPhone.status).toBe(400)
    expect(badPhone.body.fieldErrors.phone).toBe('手机号码格式不正确')
    const noSession = await post('/reset/code', { resetId: 'x'.repeat(43), channel: 'wechat' })
    expect(noSession.status).toBe(400)
    expect(noSession.body.message).toBe('找回密码已超时，请重新开始')
  })
})

describe('手机号验证', () => {
  test('sends a code to the phone on file, verifies it, enforces the policy, resets and revokes sessions', async ({
    stack,
    aMember,
    visitor: { post, smsCodeFor },
  }) => {
    const zhang = await aMember()
    const { memberNo } = zhang.member
    const before = await stack.api.login(zhang.account.userType, memberNo, zhang.account.password)
    expect(before.status).toBe(200)
    const { resetId, code } = await smsCodeFor(zhang)
    expect(code).toMatch(/^\d{6}$/)
    const stored = await sessionItem(resetId)
    expect(JSON.stringify(stored)).not.toContain(code)
    expect(stored.resetIdHash).not.toBe(resetId)

    const early = await post('/reset/password', { resetId, newPassword: 'Brand2026new' })
    expect(early.status).toBe(400)
    expect(early.body.message).toBe('请先完成身份验证')

    expect((await post('/reset/code/verify', { resetId, code })).body).toEqual({ verified: true })

    const weak = await post('/reset/password', { resetId, newPassword: 'abcdefgh' })
    expect(weak.status).toBe(400)
    expect(weak.body.fieldErrors.newPassword).toBe('密码须同时包含字母和数字')
    const short = await post('/reset/password', { resetId, newPassword: 'ab12' })
    expect(short.body.fieldErrors.newPassword).toBe('密码至少8位')
    const withNumber = await post('/reset/password', { resetId, newPassword: `x${memberNo}` })
    expect(withNumber.status).toBe(400)
    expect(withNumber.body.fieldErrors.newPassword).toBe('密码不能包含会员编号或用户名')

    const same = await post('/reset/password', { resetId, newPassword: zhang.account.password })
    expect(same.status).toBe(400)
    expect(same.body.fieldErrors).toEqual({ newPassword: '新密码不能与原密码相同' })

    const done = await post('/reset/password', { resetId, newPassword: 'Brand2026new' })
    expect(done.status).toBe(200)
    // A plain browser offers no WeChat: nothing is bound, and the official account's QR code is shown to follow.
    expect(done.body).toMatchObject({ ok: true, username: memberNo, wechat: 'none', officialAccount: 'none' })
    expect(done.body.followQr).toMatch(/^data:image\/png;base64,/)

    const staleRefresh = await post('/auth/refresh', { refreshToken: before.body.refreshToken })
    expect(staleRefresh.status).toBe(401)
    const staleAccess = await stack.api.request('GET', '/api/v1/me', { token: before.body.accessToken })
    expect(staleAccess.status).toBe(401)
    expect((await stack.api.login(zhang.account.userType, memberNo, zhang.account.password)).status).toBe(401)
    expect((await stack.api.login(zhang.account.userType, memberNo, 'Brand2026new')).status).toBe(200)

    const again = await post('/reset/password', { resetId, newPassword: 'Other2026new' })
    expect(again.status).toBe(400)
    const audit = await auditEntries(`non_practising#${memberNo}`)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'password_reset', method: 'sms' })
  })

  test('answers a wrong phone number exactly like the right one, and sends nothing', async ({ stack, member: li, wang, visitor: { post, start } }) => {
    const { resetId } = await start('non_practising', li.member.memberNo)
    const wrong = await post('/reset/code', { resetId, channel: 'sms', phone: '13800000000' })
    const rightSession = await start('non_practising', wang.member.memberNo)
    const right = await post('/reset/code', { resetId: rightSession.resetId, channel: 'sms', phone: wang.member.phone })
    expect(wrong.status).toBe(200)
    expect(wrong.body).toEqual(right.body)
    expect(await outboxCodes(stack.api, 'sms', '13800000000')).toEqual([])
    expect(await outboxCodes(stack.api, 'sms', li.member.phone!)).toEqual([])
    const guess = await post('/reset/code/verify', { resetId, code: '123456' })
    expect(guess.status).toBe(400)
    expect(guess.body.fieldErrors.code).toBe('验证码错误，还可尝试4次')
  })

  test('answers an unknown member number like a real one at every step', async ({ member: li, visitor: { post, start } }) => {
    const real = await start('non_practising', li.member.memberNo)
    const unknown = await start('non_practising', '330000268888')
    await endCooldown('non_practising', li.member.memberNo)
    const sentReal = await post('/reset/code', { resetId: real.resetId, channel: 'sms', phone: '13911112222' })
    const sentUnknown = await post('/reset/code', { resetId: unknown.resetId, channel: 'sms', phone: '13911112222' })
    expect(sentUnknown.status).toBe(sentReal.status)
    expect(sentUnknown.body).toEqual(sentReal.body)
    const verifyReal = await post('/reset/code/verify', { resetId: real.resetId, code: '000000' })
    const verifyUnknown = await post('/reset/code/verify', { resetId: unknown.resetId, code: '000000' })
    expect(verifyUnknown.body).toEqual(verifyReal.body)
    const identity = { name: li.member.name, idNumber: li.member.idNumber, proofType: 'email', proofValue: 'someone@example.com' }
    const idReal = await post('/reset/identity', { resetId: real.resetId, ...identity })
    const idUnknown = await post('/reset/identity', { resetId: unknown.resetId, ...identity })
    expect(idUnknown.status).toBe(400)
    expect(idUnknown.body).toEqual(idReal.body)
    const timed = async (memberNo: string) => {
      const started = performance.now()
      await post('/reset/start', { userType: 'non_practising', memberNo })
      return performance.now() - started
    }
    // Same reads and writes on both paths: no slow path to time (generous bound for a shared CI box).
    // The local engine serves the whole suite one request at a time, so a single request can wait
    // behind another file's burst; medians of interleaved samples compare the paths, not that queue.
    const realMs: number[] = []
    const unknownMs: number[] = []
    for (let sample = 0; sample < 7; sample++) {
      realMs.push(await timed(li.member.memberNo))
      unknownMs.push(await timed('330000267777'))
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!
    expect(Math.abs(median(realMs) - median(unknownMs))).toBeLessThan(250)
  })

  test('makes a code single-use', async ({ member: li, visitor: { post, start, smsCodeFor } }) => {
    const { resetId, code } = await smsCodeFor(li)
    expect((await post('/reset/code/verify', { resetId, code })).status).toBe(200)
    const reuse = await post('/reset/code/verify', { resetId, code })
    expect(reuse.status).toBe(400)
    expect(reuse.body.message).toBe('身份已验证，请设置新密码')
    // A code from one session does not verify another.
    const other = await start('non_practising', li.member.memberNo)
    const cross = await post('/reset/code/verify', { resetId: other.resetId, code })
    expect(cross.status).toBe(400)
    expect(cross.body.fieldErrors.code).toBe('验证码已失效，请重新获取')
  })

  test('answers concurrent checks of one code with what became of the code', async ({ member: li, visitor: { post, smsCodeFor } }) => {
    const { resetId, code } = await smsCodeFor(li)
    const answers = await Promise.all(Array.from({ length: 4 }, () => post('/reset/code/verify', { resetId, code })))
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1)
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect(answer.status).toBe(400)
      expect(['身份已验证，请设置新密码', '验证码已使用或已失效，请重新获取']).toContain(answer.body.message)
    }
  })

  test('refuses a code after five minutes', async ({ member: li, visitor: { post, smsCodeFor } }) => {
    const { resetId, code } = await smsCodeFor(li)
    // Five minutes and a second later on the server's clock.
    setClock(new Date(clock.now().getTime() + 301_000).toISOString())
    try {
      const late = await post('/reset/code/verify', { resetId, code })
      expect(late.status).toBe(400)
      expect(late.body.fieldErrors.code).toBe('验证码已过期，请重新获取')
    } finally {
      useTestDay()
    }
  })

  test('burns the code after five wrong tries: the sixth fails even when right', async ({ member: li, visitor: { post, smsCodeFor } }) => {
    const { resetId, code } = await smsCodeFor(li)
    const wrongCode = code === '000000' ? '111111' : '000000'
    const messages = []
    for (let attempt = 1; attempt <= 5; attempt++) messages.push((await post('/reset/code/verify', { resetId, code: wrongCode })).body.fieldErrors.code)
    expect(messages).toEqual([
      '验证码错误，还可尝试4次',
      '验证码错误，还可尝试3次',
      '验证码错误，还可尝试2次',
      '验证码错误，还可尝试1次',
      '验证码错误次数过多，请重新获取',
    ])
    const sixth = await post('/reset/code/verify', { resetId, code })
    expect(sixth.status).toBe(400)
    expect(sixth.body.fieldErrors.code).toBe('验证码已失效，请重新获取')
  })

  test('allows a new code only after 60 seconds', async ({ visitor: { post, start } }) => {
    const { resetId } = await start('non_practising', '330000265555')
    expect((await post('/reset/code', { resetId, channel: 'sms', phone: '13700001111' })).status).toBe(200)
    const soon = await post('/reset/code', { resetId, channel: 'sms', phone: '13700001111' })
    expect(soon.status).toBe(429)
    expect(soon.body.message).toMatch(/^验证码已发送，请(60|59|58)秒后再重新获取$/)
    // A fresh session for the same number waits too: the cooldown is per account, not per session.
    const fresh = await start('non_practising', '330000265555')
    expect((await post('/reset/code', { resetId: fresh.resetId, channel: 'sms', phone: '13700001111' })).status).toBe(429)
  })

  test('sends at most ten codes a day per account', async ({ visitor: { post, start } }) => {
    const { resetId } = await start('non_practising', '330000264444')
    for (let send = 1; send <= 10; send++) {
      await endCooldown('non_practising', '330000264444')
      expect((await post('/reset/code', { resetId, channel: 'sms', phone: `1390000${String(send).padStart(4, '0')}` })).status).toBe(200)
    }
    await endCooldown('non_practising', '330000264444')
    const eleventh = await post('/reset/code', { resetId, channel: 'sms', phone: '13900009999' })
    expect(eleventh.status).toBe(429)
    expect(eleventh.body.message).toBe('今日获取验证码已达10次上限，请明天再试或使用其他信息验证')
  })

  test('sends at most ten codes a day per phone number, across accounts', async ({ visitor: { post, start } }) => {
    for (let send = 1; send <= 10; send++) {
      const { resetId } = await start('non_practising', `33000026300${send - 1}`)
      expect((await post('/reset/code', { resetId, channel: 'sms', phone: '13600006666' })).status).toBe(200)
    }
    const { resetId } = await start('non_practising', '330000263010')
    const eleventh = await post('/reset/code', { resetId, channel: 'sms', phone: '13600006666' })
    expect(eleventh.status).toBe(429)
  })
})

describe('starting a reset', () => {
  test('is limited per source address, with a Chinese answer', async ({ stack, visitor: { post } }) => {
    // A minute into a ten-minute window on the server's clock, so the window cannot turn mid-test.
    setClock(new Date(testDayStart().getTime() + 60_000).toISOString())
    try {
      for (let attempt = 1; attempt <= 20; attempt++) {
        expect((await post('/reset/start', { userType: 'non_practising', memberNo: '330000262222' })).status).toBe(200)
      }
      const refused = await post('/reset/start', { userType: 'non_practising', memberNo: '330000262222' })
      expect(refused.status).toBe(429)
      expect(refused.body).toEqual({ code: 'RATE_LIMITED', message: '找回密码请求过于频繁，请9分钟后再试' })
      // Someone else, elsewhere, is not held up.
      expect(
        (await stack.api.from('127.0.2.1').request('POST', '/api/v1/reset/start', { body: { userType: 'non_practising', memberNo: '330000262222' } })).status,
      ).toBe(200)
    } finally {
      useTestDay()
    }
  })
})

describe('其他信息验证', () => {
  test('verifies name + ID + work unit, binds the WeChat used, and the member can then log in with WeChat', async ({
    aMember,
    visitor: { api: visitor, post, start },
  }) => {
    const { account, member: cai } = await aMember({ association: 'BJ', mustChangePassword: true, record: { name: '蔡文' } })
    // Locked out of logging in from here, the member resets from here.
    for (let attempt = 1; attempt <= 5; attempt++) await visitor.login('non_practising', cai.memberNo, `Wrong${attempt}pass`)
    expect((await visitor.login('non_practising', cai.memberNo, account.password)).status).toBe(423)
    const { resetId, proofTypes } = await start('non_practising', cai.memberNo)
    expect(proofTypes).toEqual(['email', 'certificateNo', 'workUnit'])
    const wrongType = await post('/reset/identity', { resetId, name: cai.name, idNumber: cai.idNumber, proofType: 'archiveUnit', proofValue: cai.workUnit })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.fieldErrors.proofType).toBe('请选择有效的辅助证明材料类型')
    const wrong = await post('/reset/identity', { resetId, name: cai.name, idNumber: '110108199512120035', proofType: 'workUnit', proofValue: cai.workUnit })
    expect(wrong.status).toBe(400)
    expect(wrong.body.message).toBe('填写的信息与登记信息不一致，还可尝试4次')
    const missing = await post('/reset/identity', { resetId, name: '', idNumber: cai.idNumber, proofType: 'workUnit' })
    expect(missing.body.fieldErrors).toMatchObject({ name: '请填写姓名', proofValue: '请填写辅助证明材料' })
    // Spaces and full-width characters do not matter; case of the ID's X neither.
    const right = await post('/reset/identity', {
      resetId,
      name: ' 蔡 文',
      idNumber: cai.idNumber.toLowerCase(),
      proofType: 'workUnit',
      proofValue: ` ${cai.workUnit} `,
    })
    expect(right.body).toEqual({ verified: true })

    const done = await post('/reset/password', { resetId, newPassword: 'CaiWen2026ok', wechatCode: 'local:caiwen-phone' })
    expect(done.body).toMatchObject({ ok: true, username: cai.memberNo, wechat: 'bound', officialAccount: 'none' })
    // The initial password is gone, and with it the forced change.
    // The reset ended the lockout of the address it came from.
    const login = await visitor.login('non_practising', cai.memberNo, 'CaiWen2026ok')
    expect(login.body.user.mustChangePassword).toBe(false)
    const viaWechat = await post('/wechat/login', { code: 'local:caiwen-phone' })
    expect(viaWechat.status).toBe(200)
    expect(viaWechat.body.user).toMatchObject({ username: cai.memberNo, displayName: '蔡文' })
    const audit = await auditEntries(`non_practising#${cai.memberNo}`)
    expect(audit.map((entry) => entry.action).sort()).toEqual(['password_reset', 'wechat_bound'])
    expect(audit.find((entry) => entry.action === 'password_reset')).toMatchObject({ method: 'identity' })
  })

  test('lets a practising CPA prove identity with 档案存放单位', async ({ stack, aMember, visitor: { post, start } }) => {
    const { member: chen } = await aMember({
      association: 'SH',
      userType: 'cpa',
      record: { name: '陈静', archiveUnit: '上海某某会计师事务所（特殊普通合伙）' },
    })
    const { resetId, proofTypes } = await start('cpa', chen.memberNo)
    expect(proofTypes).toEqual(['email', 'certificateNo', 'archiveUnit'])
    const byWorkUnit = await post('/reset/identity', { resetId, name: chen.name, idNumber: chen.idNumber, proofType: 'workUnit', proofValue: chen.workUnit })
    expect(byWorkUnit.status).toBe(400)
    const verified = await post('/reset/identity', {
      resetId,
      name: chen.name,
      idNumber: chen.idNumber,
      proofType: 'archiveUnit',
      proofValue: '上海某某会计师事务所(特殊普通合伙)',
    })
    expect(verified.body).toEqual({ verified: true })
    expect((await post('/reset/password', { resetId, newPassword: 'ChenJing2026' })).status).toBe(200)
    expect((await stack.api.login('cpa', chen.memberNo, 'ChenJing2026')).status).toBe(200)
  })

  test('accepts the certificate number or email, and stops after five mismatches', async ({ aMember, visitor: { post, start } }) => {
    const [{ member: wang }, { member: li }] = [await aMember({ association: 'BJ' }), await aMember()]
    const byCertificate = await start('non_practising', wang.memberNo)
    const ok = await post('/reset/identity', {
      resetId: byCertificate.resetId,
      name: wang.name,
      idNumber: wang.idNumber,
      proofType: 'certificateNo',
      proofValue: wang.certificateNo,
    })
    expect(ok.body).toEqual({ verified: true })

    const { resetId } = await start('non_practising', li.memberNo)
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(
        (await post('/reset/identity', { resetId, name: li.name, idNumber: li.idNumber, proofType: 'email', proofValue: `wrong${attempt}@example.com` }))
          .status,
      ).toBe(400)
    }
    const sixth = await post('/reset/identity', { resetId, name: li.name, idNumber: li.idNumber, proofType: 'email', proofValue: li.email })
    expect(sixth.status).toBe(429)
    expect(sixth.body.message).toBe('验证次数过多，请重新开始找回密码')
  })
})

describe('已绑定公众号', () => {
  test('sends the code to the bound WeChat and resets with it', async ({ stack, wang, visitor: { post, start } }) => {
    const { memberNo } = wang.member
    const { resetId, wechatBound } = await start('non_practising', memberNo)
    expect(wechatBound).toBe(true)
    await endCooldown('non_practising', memberNo)
    expect((await post('/reset/code', { resetId, channel: 'wechat' })).status).toBe(200)
    const [code] = await outboxCodes(stack.api, 'wechat', localOpenid(wang.wechatUser))
    expect((await post('/reset/code/verify', { resetId, code })).body).toEqual({ verified: true })
    const done = await post('/reset/password', { resetId, newPassword: 'WangFang2026', wechatCode: `local:${wang.wechatUser}` })
    expect(done.body.wechat).toBe('already_bound')
    expect((await auditEntries(`non_practising#${memberNo}`)).map((entry) => entry.method)).toEqual(['wechat'])
  })

  test('tells an unbound member to use SMS, and answers unknown numbers like members in their stand-in state', async ({
    member: li,
    visitor: { post, start },
  }) => {
    const { resetId } = await start('non_practising', li.member.memberNo)
    const sent = await post('/reset/code', { resetId, channel: 'wechat' })
    expect(sent).toMatchObject({ status: 409, body: { message: '微信消息未送达：您尚未绑定微信，请改用短信验证' } })

    const unknownNumbers = Array.from({ length: 40 }, (_, n) => `3300002670${String(n).padStart(2, '0')}`)
    const find = (bound: boolean, accepted: boolean) =>
      unknownNumbers.find((memberNo) => {
        const facts = standInFacts('non_practising', memberNo)
        return facts.wechatBound === bound && facts.wechatAccepted === accepted
      })!
    const answerFor = async (memberNo: string) => {
      const started = await start('non_practising', memberNo)
      return post('/reset/code', { resetId: started.resetId, channel: 'wechat' })
    }
    expect(await answerFor(find(true, true))).toMatchObject({ status: 200, body: { resendAfterSeconds: 60, expiresInSeconds: 300 } })
    expect(await answerFor(find(true, false))).toMatchObject({ status: 409, body: { message: '微信消息未送达：您尚未允许接收验证码通知，请改用短信验证' } })
    expect(await answerFor(find(false, false))).toMatchObject({ status: 409, body: { message: '微信消息未送达：您尚未绑定微信，请改用短信验证' } })
  })
})

describe('公众号网页授权 (the H5 page inside WeChat)', () => {
  const page = 'http://127.0.0.1:8080/#/subpackages/reset/index/index'
  let oaUsers = 0

  /** A verified reset of `who`, authorized in WeChat as `oaUser`: what the page does between 验证身份 and 重置密码. */
  async function authorizedReset(visitor: ReturnType<typeof visitorAt>, who: SignedMember, oaUser: string) {
    const { resetId, code } = await visitor.smsCodeFor(who)
    expect((await visitor.post('/reset/code/verify', { resetId, code })).status).toBe(200)
    const authorize = await visitor.post('/reset/wechat/authorize', { resetId, redirectUri: page })
    expect(authorize.status).toBe(200)
    const link = new URL(authorize.body.authorizeUrl)
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:8080/dev/wechat-oauth/authorize')
    expect(link.searchParams.get('redirect_uri')).toBe(page)
    const state = link.searchParams.get('state')!
    const back = await visitor.post('/reset/wechat/authorized', { resetId, code: `local-oa:${oaUser}`, state })
    expect(back.body).toEqual({ authorized: true })
    return { resetId, state }
  }

  const accountOf = (who: SignedMember) => `${who.account.userType}#${who.member.memberNo}`

  async function officialAccountOf(accountId: string) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.accountOfficialAccount(accountId) }))
    return Item?.openid
  }

  test('binds the official account WeChat on reset, audits it, and then says it is bound already', async ({ aMember, visitor }) => {
    const zhang = await aMember()
    const oaUser = `zhang-oa-${++oaUsers}`
    const { resetId, state } = await authorizedReset(visitor, zhang, oaUser)
    // The state came back once; a second return with it is refused.
    const reused = await visitor.post('/reset/wechat/authorized', { resetId, code: `local-oa:${oaUser}`, state })
    expect(reused.status).toBe(400)
    expect(reused.body.fieldErrors).toEqual({ state: '微信授权状态无效或已使用，请重新授权' })

    const done = await visitor.post('/reset/password', { resetId, newPassword: 'Zhang2026oa' })
    expect(done.body).toEqual({ ok: true, username: zhang.member.memberNo, wechat: 'none', officialAccount: 'bound', followQr: null })
    expect(await officialAccountOf(accountOf(zhang))).toBe(localOfficialAccountOpenid(oaUser))
    const audit = await auditEntries(accountOf(zhang))
    expect(audit.find((entry) => entry.action === 'wechat_bound')).toMatchObject({ wechatApp: 'official_account' })
    // The mini-program's WeChat is another identity: nothing was bound there.
    const miniProgram = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.accountWechat(accountOf(zhang)) }))
    expect(miniProgram.Item).toBeUndefined()

    const again = await authorizedReset(visitor, zhang, oaUser)
    const second = await visitor.post('/reset/password', { resetId: again.resetId, newPassword: 'Zhang2026oa2' })
    expect(second.body).toMatchObject({ officialAccount: 'already_bound', followQr: null })
    expect((await auditEntries(accountOf(zhang))).filter((entry) => entry.action === 'wechat_bound')).toHaveLength(1)
  })

  test("leaves another member's official account WeChat where it is, and shows the QR code to follow", async ({ aMember, visitor }) => {
    const [zhang, li] = [await aMember(), await aMember()]
    const oaUser = `shared-oa-${++oaUsers}`
    const first = await authorizedReset(visitor, zhang, oaUser)
    expect((await visitor.post('/reset/password', { resetId: first.resetId, newPassword: 'Zhang2026oa' })).body.officialAccount).toBe('bound')

    const second = await authorizedReset(visitor, li, oaUser)
    const done = await visitor.post('/reset/password', { resetId: second.resetId, newPassword: 'LiHua2026oa' })
    expect(done.body).toMatchObject({ ok: true, officialAccount: 'taken' })
    expect(done.body.followQr).toMatch(/^data:image\/png;base64,/)
    expect(await officialAccountOf(accountOf(zhang))).toBe(localOfficialAccountOpenid(oaUser))
    expect(await officialAccountOf(accountOf(li))).toBeUndefined()
    expect((await auditEntries(accountOf(li))).map((entry) => entry.action)).toEqual(['password_reset'])
  })

  test('hands out a state only to a verified reset, for a well-formed return address, and refuses forged states', async ({ aMember, visitor }) => {
    const zhang = await aMember()
    const { resetId, code } = await visitor.smsCodeFor(zhang)
    const early = await visitor.post('/reset/wechat/authorize', { resetId, redirectUri: page })
    expect(early.status).toBe(400)
    expect(early.body.message).toBe('请先完成身份验证')
    await visitor.post('/reset/code/verify', { resetId, code })
    const badAddress = await visitor.post('/reset/wechat/authorize', { resetId, redirectUri: 'javascript:alert(1)' })
    expect(badAddress.status).toBe(400)
    expect(badAddress.body.fieldErrors.redirectUri).toContain('授权回调地址')
    const forged = await visitor.post('/reset/wechat/authorized', { resetId, code: 'local-oa:mallory', state: 'a'.repeat(64) })
    expect(forged.status).toBe(400)
    expect(forged.body.message).toBe('微信授权状态无效或已使用，请重新授权')
    const badState = await visitor.post('/reset/wechat/authorized', { resetId, code: 'local-oa:mallory', state: 'not-a-state!' })
    expect(badState.body.fieldErrors.state).toContain('授权状态')
    expect((await sessionItem(resetId)).oaOpenid).toBeUndefined()
  })
})

describe('微信绑定与微信登录', () => {
  test('binds and unbinds from 我的; only a bound WeChat logs in', async ({ member: li, wang, visitor: { post } }) => {
    const { token } = li
    expect(await li.ok('wechatBinding')).toEqual({ bound: false, boundAt: null })
    const unbound = await post('/wechat/login', { code: 'local:li-phone' })
    expect(unbound.status).toBe(401)
    expect(unbound.body.message).toContain('该微信尚未绑定会员账号')

    const bound = await post('/wechat/binding', { code: 'local:li-phone' }, token)
    expect(bound.status).toBe(200)
    expect(bound.body.bound).toBe(true)
    const login = await post('/wechat/login', { code: 'local:li-phone' })
    expect(login.status).toBe(200)
    expect(login.body.user.username).toBe(li.member.memberNo)

    // One WeChat, one member: 王芳's WeChat cannot be taken over by another member.
    const taken = await post('/wechat/binding', { code: `local:${wang.wechatUser}` }, token)
    expect(taken.status).toBe(409)
    expect(taken.body.message).toBe('该微信已绑定其他会员账号，请先在该账号中解除绑定')

    // Binding another WeChat replaces the first.
    expect((await post('/wechat/binding', { code: 'local:li-new-phone' }, token)).status).toBe(200)
    expect((await post('/wechat/login', { code: 'local:li-phone' })).status).toBe(401)

    expect(await li.ok('wechatUnbind')).toEqual({ bound: false, boundAt: null })
    expect((await post('/wechat/login', { code: 'local:li-new-phone' })).status).toBe(401)
  })

  test('refuses codes the local code2session does not know, staff and anonymous callers', async ({ stack, localStaff, visitor: { post } }) => {
    expect((await post('/wechat/login', { code: 'real-looking-code' })).status).toBe(401)
    expect((await post('/wechat/login', {})).body.fieldErrors.code).toBe('请填写微信登录凭证')
    expect((await post('/wechat/binding', { code: 'local:staff' }, localStaff.token)).status).toBe(403)
    expect((await post('/wechat/binding', { code: 'local:nobody' })).status).toBe(401)
    expect(await stack.api.ok('wechatOptions')).toEqual({ localFake: true })
  })

  test('publishes the reset and WeChat routes in the OpenAPI contract', async ({ stack }) => {
    const { body } = await stack.api.request('GET', '/api/v1/openapi.json')
    expect(body.paths['/api/v1/reset/code'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['resetId', 'channel']),
    )
    expect(body.paths['/api/v1/wechat/binding'].delete['x-roles']).toEqual(['member'])
  })
})
