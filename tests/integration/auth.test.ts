import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { clock } from '../../functions/adapters/clock'
import { setClock, useTestDay } from '../support/calendar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamo } from '../../functions/adapters/dynamo'
import { waitingFor } from '../../functions/adapters/pending'
import { config } from '../../functions/config'
import { DEMO_MEMBERS, DEMO_STAFF } from '../../functions/local/demo-data'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
const zhang = DEMO_MEMBERS[0]!.account
const li = DEMO_MEMBERS[1]!.account
const cai = DEMO_MEMBERS[3]!.account
const wang = DEMO_MEMBERS[2]!.account
const zhou = DEMO_MEMBERS[5]!.account
const sun = DEMO_MEMBERS[6]!.account
const [cicpaStaff, zjStaff] = DEMO_STAFF

beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

describe('health and contract', () => {
  it('reports both engines healthy', async () => {
    const { status, body } = await stack.api.request('GET', '/api/v1/health')
    expect(status).toBe(200)
    expect(body.status).toBe('ok')
    expect(body.checks.dynamodb.ok).toBe(true)
    expect(body.checks.s3.ok).toBe(true)
  })

  it('answers unknown routes with the standard 404 body', async () => {
    const { status, body } = await stack.api.request('GET', '/api/v1/no-such-thing')
    expect(status).toBe(404)
    expect(body).toEqual({ code: 'NOT_FOUND', message: '接口不存在' })
  })

  it('serves an OpenAPI document generated from the shared schemas', async () => {
    const { status, body } = await stack.api.request('GET', '/api/v1/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const login = body.paths['/api/v1/auth/login'].post
    expect(login.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['userType', 'username', 'password', 'captchaId', 'captchaCode']),
    )
    expect(body.paths['/api/v1/staff/inbox'].get['x-roles']).toEqual(['local_staff', 'cicpa_staff'])
  })
})

describe('login', () => {
  it('logs a member in and shows their own data, masked', async () => {
    const answer = await stack.api.login(zhang.userType, zhang.username, zhang.password)
    expect(answer.status).toBe(200)
    expect(answer.body.user).toMatchObject({ role: 'member', displayName: '张晓明', mustChangePassword: false })
    expect(answer.body.user.association.name).toBe('浙江省注册会计师协会')
    const me = await stack.api.request('GET', '/api/v1/me', { token: answer.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ kind: 'member', memberNo: '330000260001', idNumberMasked: '3301**********2312', phoneMasked: '138****8628' })
    expect(JSON.stringify(me.body)).not.toContain('330106199001012312')
  })

  it('refuses a wrong captcha with a field message, and burns the captcha', async () => {
    const { body: captcha } = await stack.api.request('POST', '/api/v1/captcha')
    const answer = await stack.api.captchaAnswer(captcha.captchaId)
    const wrong = await stack.api.request('POST', '/api/v1/auth/login', {
      body: { userType: zhang.userType, username: zhang.username, password: zhang.password, captchaId: captcha.captchaId, captchaCode: 'zzzz' },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.code).toBe('CAPTCHA_INVALID')
    expect(wrong.body.fieldErrors.captchaCode).toContain('验证码')
    const retry = await stack.api.request('POST', '/api/v1/auth/login', {
      body: { userType: zhang.userType, username: zhang.username, password: zhang.password, captchaId: captcha.captchaId, captchaCode: answer },
    })
    expect(retry.status).toBe(400)
    expect(retry.body.code).toBe('CAPTCHA_INVALID')
  })

  it('refuses an expired captcha even with the right answer', async () => {
    const { body: captcha } = await stack.api.request('POST', '/api/v1/captcha')
    const answer = await stack.api.captchaAnswer(captcha.captchaId)
    // Five minutes and a second later on the server's clock.
    setClock(new Date(clock.now().getTime() + 301_000).toISOString())
    try {
      const late = await stack.api.request('POST', '/api/v1/auth/login', {
        body: { userType: zhang.userType, username: zhang.username, password: zhang.password, captchaId: captcha.captchaId, captchaCode: answer },
      })
      expect(late.status).toBe(400)
      expect(late.body.code).toBe('CAPTCHA_INVALID')
    } finally {
      useTestDay()
    }
  })

  it('answers a wrong password and an unknown account alike', async () => {
    const wrongPassword = await stack.api.login(zhang.userType, zhang.username, 'Wrong12345')
    const unknown = await stack.api.login('non_practising', '999999999999', 'Wrong12345')
    expect(wrongPassword.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrongPassword.body).toEqual(unknown.body)
    expect(wrongPassword.body.message).toContain('用户名或密码错误')
  })

  it('checks the user type: a member number is not a staff login', async () => {
    const answer = await stack.api.login('staff', zhang.username, zhang.password)
    expect(answer.status).toBe(401)
  })

  it('locks the account for 15 minutes after five wrong passwords, even against the right one', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await stack.api.login(li.userType, li.username, `Wrong${attempt}pass`)).status).toBe(401)
    }
    const fifth = await stack.api.login(li.userType, li.username, 'Wrong5pass')
    expect(fifth.status).toBe(423)
    expect(fifth.body.message).toMatch(/已锁定，请15分钟后再试/)
    const right = await stack.api.login(li.userType, li.username, li.password)
    expect(right.status).toBe(423)
    expect(right.body.code).toBe('ACCOUNT_LOCKED')
  })

  it('locks a name for the source that guessed, alike for real and unknown accounts, and only there', async () => {
    const unknownName = '330000269991'
    const wrongTwice = async (attempt: number) => {
      const real = await stack.api.login(zhou.userType, zhou.username, `Wrong${attempt}pass`)
      const unknown = await stack.api.login(zhou.userType, unknownName, `Wrong${attempt}pass`)
      expect(real.status).toBe(unknown.status)
      expect(real.body).toEqual(unknown.body)
      return real
    }
    for (let attempt = 1; attempt < 5; attempt++) await wrongTwice(attempt)
    const realFifth = await wrongTwice(5)
    expect(realFifth.status).toBe(423)
    expect(realFifth.body.message).toMatch(/已锁定，请15分钟后再试/)

    const timedLogin = async (username: string, password: string) => {
      const captcha = await stack.api.solvedCaptcha()
      const started = performance.now()
      const answer = await stack.api.request('POST', '/api/v1/auth/login', { body: { userType: zhou.userType, username, password, ...captcha } })
      return { answer, ms: performance.now() - started }
    }
    // Interleaved samples and medians: the shared engine and a busy CPU slow single requests, not one path.
    const realMs: number[] = []
    const unknownMs: number[] = []
    for (let sample = 0; sample < 7; sample++) {
      const real = await timedLogin(zhou.username, zhou.password)
      const unknown = await timedLogin(unknownName, zhou.password)
      expect(real.answer.status).toBe(423)
      expect(real.answer.body).toEqual(unknown.answer.body)
      realMs.push(real.ms)
      unknownMs.push(unknown.ms)
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!
    const ratio = median(realMs) / median(unknownMs)
    expect(ratio).toBeGreaterThan(1 / 3)
    expect(ratio).toBeLessThan(3)

    // The member on another network is not locked out by whoever guessed.
    const phone = stack.api.from('127.0.0.2')
    const elsewhere = await phone.login(zhou.userType, zhou.username, zhou.password)
    expect(elsewhere.status).toBe(200)
    expect((await phone.login(zhou.userType, zhou.username, 'Wrong6pass')).body.message).toContain('用户名或密码错误')
  })

  it('names every missing field in Chinese and writes nothing', async () => {
    const { status, body } = await stack.api.request('POST', '/api/v1/auth/login', { body: { userType: 'admin' } })
    expect(status).toBe(400)
    expect(body.code).toBe('VALIDATION_FAILED')
    expect(body.fieldErrors).toMatchObject({ userType: '请选择有效的用户类型', username: '请填写用户名', password: '请填写密码' })
    const notJson = await stack.api.request('POST', '/api/v1/auth/login', { rawBody: '{oops' })
    expect(notJson.status).toBe(400)
    expect(notJson.body.message).toContain('JSON')
  })
})

describe('initial password', () => {
  it('forces the change before anything else, then works with the new password only', async () => {
    const first = await stack.api.login(cai.userType, cai.username, cai.password)
    expect(first.status).toBe(200)
    expect(first.body.user.mustChangePassword).toBe(true)
    const token = first.body.accessToken

    const blocked = await stack.api.request('GET', '/api/v1/me', { token })
    expect(blocked.status).toBe(403)
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED')

    const weak = await stack.api.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: cai.password, newPassword: 'abcdefgh' } })
    expect(weak.status).toBe(400)
    expect(weak.body.fieldErrors.newPassword).toBe('密码须同时包含字母和数字')

    const containsUsername = await stack.api.request('POST', '/api/v1/auth/password', {
      token,
      body: { oldPassword: cai.password, newPassword: `a${cai.username}` },
    })
    expect(containsUsername.status).toBe(400)

    const wrongOld = await stack.api.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: 'nope1234', newPassword: 'NewPass2026' } })
    expect(wrongOld.status).toBe(400)
    expect(wrongOld.body.fieldErrors.oldPassword).toBe('原密码不正确')

    const changed = await stack.api.request('POST', '/api/v1/auth/password', { token, body: { oldPassword: cai.password, newPassword: 'NewPass2026' } })
    expect(changed.status).toBe(200)
    expect(changed.body.user.mustChangePassword).toBe(false)
    const me = await stack.api.request('GET', '/api/v1/me', { token: changed.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body.name).toBe('蔡文')

    const oldRefresh = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } })
    expect(oldRefresh.status).toBe(401)
    expect((await stack.api.login(cai.userType, cai.username, cai.password)).status).toBe(401)
    expect((await stack.api.login(cai.userType, cai.username, 'NewPass2026')).status).toBe(200)
  })
})

describe('sessions', () => {
  it('refreshes, and logout ends the refresh token', async () => {
    const { body: session } = await stack.api.login(zhang.userType, zhang.username, zhang.password)
    const refreshed = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })
    expect(refreshed.status).toBe(200)
    const out = await stack.api.request('POST', '/api/v1/auth/logout', { token: refreshed.body.accessToken })
    expect(out.status).toBe(200)
    const after = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })
    expect(after.status).toBe(401)
  })

  it('ends every access token of the account at once on logout, on every device', async () => {
    const phone = await stack.api.login(sun.userType, sun.username, sun.password)
    const laptop = await stack.api.login(sun.userType, sun.username, sun.password)
    expect((await stack.api.request('GET', '/api/v1/me', { token: laptop.body.accessToken })).status).toBe(200)
    expect((await stack.api.request('POST', '/api/v1/auth/logout', { token: phone.body.accessToken })).status).toBe(200)
    for (const token of [phone.body.accessToken, laptop.body.accessToken]) {
      const after = await stack.api.request('GET', '/api/v1/me', { token })
      expect(after.status).toBe(401)
      expect(after.body.code).toBe('UNAUTHENTICATED')
    }
    expect((await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: laptop.body.refreshToken } })).status).toBe(401)
  })

  it('ends the other sessions at once on a password change, and refuses the same password', async () => {
    const other = await stack.api.login(wang.userType, wang.username, wang.password)
    const here = await stack.api.login(wang.userType, wang.username, wang.password)
    const same = await stack.api.request('POST', '/api/v1/auth/password', {
      token: here.body.accessToken,
      body: { oldPassword: wang.password, newPassword: wang.password },
    })
    expect(same.status).toBe(400)
    expect(same.body.fieldErrors).toEqual({ newPassword: '新密码不能与原密码相同' })
    expect((await stack.api.request('GET', '/api/v1/me', { token: other.body.accessToken })).status).toBe(200)

    const changed = await stack.api.request('POST', '/api/v1/auth/password', {
      token: here.body.accessToken,
      body: { oldPassword: wang.password, newPassword: 'Changed2026wf' },
    })
    expect(changed.status).toBe(200)
    expect((await stack.api.request('GET', '/api/v1/me', { token: other.body.accessToken })).status).toBe(401)
    expect((await stack.api.request('GET', '/api/v1/me', { token: here.body.accessToken })).status).toBe(401)
    expect((await stack.api.request('GET', '/api/v1/me', { token: changed.body.accessToken })).status).toBe(200)
  })

  it('rotates refresh tokens: a used one fails, and its reuse ends the session', async () => {
    const { body: first } = await stack.api.login(zhang.userType, zhang.username, zhang.password)
    const second = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } })
    expect(second.status).toBe(200)
    expect(second.body.refreshToken).not.toBe(first.refreshToken)
    const third = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } })
    expect(third.status).toBe(200)

    // Someone replays a refresh token already used: it leaked, so the whole session ends.
    const replay = await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } })
    expect(replay.status).toBe(401)
    expect((await stack.api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: third.body.refreshToken } })).status).toBe(401)
    expect((await stack.api.request('GET', '/api/v1/me', { token: third.body.accessToken })).status).toBe(401)
  })

  it('refuses missing, forged and refresh-typed tokens', async () => {
    expect((await stack.api.request('GET', '/api/v1/me')).status).toBe(401)
    const { body: session } = await stack.api.login(zhang.userType, zhang.username, zhang.password)
    const [header, payload] = session.accessToken.split('.')
    const forged = `${header}.${payload}.c2lnbmF0dXJl`
    expect((await stack.api.request('GET', '/api/v1/me', { token: forged })).status).toBe(401)
    expect((await stack.api.request('GET', '/api/v1/me', { token: session.refreshToken })).status).toBe(401)
  })
})

describe('roles', () => {
  it('keeps members out of the staff inbox', async () => {
    const token = await stack.api.token(zhang.userType, zhang.username, zhang.password)
    const { status, body } = await stack.api.request('GET', '/api/v1/staff/inbox', { token })
    expect(status).toBe(403)
    expect(body.code).toBe('FORBIDDEN')
  })

  it("shows local staff their own association's inbox", async () => {
    const token = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)
    const { status, body } = await stack.api.request('GET', '/api/v1/staff/inbox', { token })
    expect(status).toBe(200)
    expect(body.scope).toEqual({ code: 'ZJ', name: '浙江省注册会计师协会' })
    expect(body.total).toBe(body.categories.reduce((sum: number, c: { pending: number }) => sum + c.pending, 0))
    expect(body.categories.map((c: { label: string }) => c.label)).toEqual(['入会申请', '年检申请', '暂缓年检', '会费确认', '产出式学时', '减免学时'])
  })

  it('counts and lists waiting items in the right scope only', async () => {
    const zjToken = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)
    const bj = DEMO_STAFF[2]!
    const bjToken = await stack.api.token(bj.userType, bj.username, bj.password)
    const inboxOf = async (token: string) => (await stack.api.request('GET', '/api/v1/staff/inbox', { token })).body
    const [zjBefore, bjBefore] = [await inboxOf(zjToken), await inboxOf(bjToken)]
    const pendingInspections = (inbox: { categories: { kind: string; pending: number }[] }) => inbox.categories.find((c) => c.kind === 'inspection')!.pending

    const submittedAt = '2000-01-01T08:00:00.000Z'
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: { PK: 'TESTITEM#1', SK: 'ITEM', ...waitingFor('ZJ', 'inspection', { id: 'insp-1', title: '张晓明', subtitle: '2026年度年检', submittedAt }) },
      }),
    )
    const zj = await inboxOf(zjToken)
    expect(zj.total).toBe(zjBefore.total + 1)
    expect(pendingInspections(zj)).toBe(pendingInspections(zjBefore) + 1)
    const list = await stack.api.request('GET', '/api/v1/staff/inbox/inspection', { token: zjToken })
    expect(list.status).toBe(200)
    expect(list.body.label).toBe('年检申请')
    // Oldest first: the one submitted in 2000 leads the list.
    expect(list.body.items[0]).toEqual({ id: 'insp-1', kind: 'inspection', title: '张晓明', subtitle: '2026年度年检', submittedAt })
    expect((await stack.api.request('GET', '/api/v1/staff/inbox/good_standing', { token: zjToken })).status).toBe(403)
    const badKind = await stack.api.request('GET', '/api/v1/staff/inbox/nothing', { token: zjToken })
    expect(badKind.status).toBe(400)
    expect(badKind.body.fieldErrors.kind).toBe('请选择有效的事项类型')

    expect((await inboxOf(bjToken)).total).toBe(bjBefore.total)
    const bjList = await stack.api.request('GET', '/api/v1/staff/inbox/inspection', { token: bjToken })
    expect(bjList.body.items.map((item: { id: string }) => item.id)).not.toContain('insp-1')
  })

  it('shows CICPA staff the national inbox', async () => {
    const token = await stack.api.token(cicpaStaff!.userType, cicpaStaff!.username, cicpaStaff!.password)
    const { body } = await stack.api.request('GET', '/api/v1/staff/inbox', { token })
    expect(body.scope.name).toBe('中国注册会计师协会')
    expect(body.categories.map((c: { kind: string }) => c.kind)).toEqual(['admission', 'good_standing'])
  })

  it('shows staff who they act as on 我的', async () => {
    const token = await stack.api.token(zjStaff!.userType, zjStaff!.username, zjStaff!.password)
    const { body } = await stack.api.request('GET', '/api/v1/me', { token })
    expect(body).toEqual({
      kind: 'staff',
      role: 'local_staff',
      username: 'zj_staff',
      name: '浙江注协审核员',
      association: { code: 'ZJ', name: '浙江省注册会计师协会' },
    })
  })
})
