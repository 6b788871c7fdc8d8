import { randomBytes, scryptSync } from 'node:crypto'
import { PutCommand, UpdateCommand } from '../../functions/adapters/dynamo-client'
import { dynamoAccountStore } from '../../functions/adapters/accounts-dynamo'
import { clock } from '../../functions/adapters/clock'
import { inspectionYear, setClock, useTestDay } from '../support/calendar'
import { describe, expect, onTestFinished, vi } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { waitingFor } from '../../functions/adapters/pending'
import { config } from '../../functions/config'
import { accountIdOf } from '../../functions/ports/accounts'
import type { ApiClient } from '../support/api-client'
import type { SignedIn } from '../support/builders'
import { test } from '../support/fixtures'

/** A second sign-in of the same account, e.g. on another device. */
const signInAgain = (api: ApiClient, { account }: SignedIn) => api.login(account.userType, account.username, account.password)
const refresh = (api: ApiClient, refreshToken: string) => api.call('refresh', { body: { refreshToken } })

describe('health and contract', () => {
  test('reports both engines healthy', async ({ stack }) => {
    const { status, body } = await stack.api.request('GET', '/api/v1/health')
    expect(status).toBe(200)
    expect(body.status).toBe('ok')
    expect(body.checks.dynamodb.ok).toBe(true)
    expect(body.checks.s3.ok).toBe(true)
  })

  test('answers unknown routes with the standard 404 body', async ({ stack }) => {
    const { status, body } = await stack.api.request('GET', '/api/v1/no-such-thing')
    expect(status).toBe(404)
    expect(body).toEqual({ code: 'NOT_FOUND', message: '接口不存在' })
  })

  test('serves an OpenAPI document generated from the shared schemas', async ({ stack }) => {
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
  test('logs a member in and shows their own data, masked', async ({ stack, aMember }) => {
    const zhang = await aMember({ record: { name: '张晓明' } })
    const { memberNo, idNumber, phone } = zhang.member
    const answer = await signInAgain(stack.api, zhang)
    expect(answer.status).toBe(200)
    expect(answer.body.user).toMatchObject({ role: 'member', displayName: '张晓明', mustChangePassword: false })
    expect(answer.body.user.association?.name).toBe('浙江省注册会计师协会')
    const me = await stack.api.ok('profile', { as: answer.body.accessToken })
    expect(me).toMatchObject({
      kind: 'member',
      memberNo,
      idNumberMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      phoneMasked: `${phone!.slice(0, 3)}****${phone!.slice(-4)}`,
    })
    expect(JSON.stringify(me)).not.toContain(idNumber)
  })

  test('refuses a wrong captcha with a field message, and burns the captcha', async ({ stack, member: { account } }) => {
    const { captchaId } = await stack.api.ok('captcha')
    const answer = await stack.api.captchaAnswer(captchaId)
    const credentials = { userType: account.userType, username: account.username, password: account.password, captchaId }
    const wrong = await stack.api.refused('login', { body: { ...credentials, captchaCode: 'zzzz' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.code).toBe('CAPTCHA_INVALID')
    expect(wrong.body.fieldErrors?.captchaCode).toContain('验证码')
    const retry = await stack.api.refused('login', { body: { ...credentials, captchaCode: answer } })
    expect(retry.status).toBe(400)
    expect(retry.body.code).toBe('CAPTCHA_INVALID')
  })

  test('refuses an expired captcha even with the right answer', async ({ stack, member: { account } }) => {
    const { captchaId } = await stack.api.ok('captcha')
    const captchaCode = await stack.api.captchaAnswer(captchaId)
    // Five minutes and a second later on the server's clock.
    setClock(new Date(clock.now().getTime() + 301_000).toISOString())
    try {
      const late = await stack.api.refused('login', {
        body: { userType: account.userType, username: account.username, password: account.password, captchaId, captchaCode },
      })
      expect(late.status).toBe(400)
      expect(late.body.code).toBe('CAPTCHA_INVALID')
    } finally {
      useTestDay()
    }
  })

  test('answers a wrong password and an unknown account alike', async ({ stack, member: { account } }) => {
    const wrongPassword = await stack.api.login(account.userType, account.username, 'Wrong12345')
    const unknown = await stack.api.login('non_practising', '999999999999', 'Wrong12345')
    expect(wrongPassword.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrongPassword.body).toEqual(unknown.body)
    expect(wrongPassword.body.message).toContain('用户名或密码错误')
  })

  test('keeps a password hashed at older costs working and rehashes it at that login, sessions kept', async ({ stack, member }) => {
    const { account } = member
    const accountId = accountIdOf(account.userType, account.username)
    // The deployed cost, not the suite's lowered one (vitest.config.ts): the server runs in this process.
    vi.stubEnv('TEST_SCRYPT_LOG2N', '')
    onTestFinished(() => void vi.unstubAllEnvs())
    // Stored before the costs grew (N is read from the hash).
    const salt = randomBytes(16)
    const key = scryptSync(account.password, salt, 32, { N: 2 ** 14, r: 8, p: 1 })
    const older = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.account(accountId),
        UpdateExpression: 'SET passwordHash = :older',
        ExpressionAttributeValues: { ':older': older },
      }),
    )
    expect((await signInAgain(stack.api, member)).status).toBe(200)
    const stored = await dynamoAccountStore.get(accountId)
    expect(stored?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/)
    expect((await member.call('profile')).status).toBe(200)
    expect((await signInAgain(stack.api, member)).status).toBe(200)
    expect((await stack.api.login(account.userType, account.username, 'Wrong12345')).status).toBe(401)
  })

  test('checks the user type: a member number is not a staff login', async ({ stack, member: { account } }) => {
    const answer = await stack.api.login('staff', account.username, account.password)
    expect(answer.status).toBe(401)
  })

  test('locks the account for 15 minutes after five wrong passwords, even against the right one', async ({ stack, member: { account: li } }) => {
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

  test('locks a name for the source that guessed, alike for real and unknown accounts, and only there', async ({ stack, member: { account: zhou } }) => {
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
      const answer = await stack.api.call('login', { body: { userType: zhou.userType, username, password, ...captcha } })
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

  test('names every missing field in Chinese and writes nothing', async ({ stack }) => {
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
  test('forces the change before anything else, then works with the new password only', async ({ stack, aMember }) => {
    const { account: cai } = await aMember({ mustChangePassword: true, record: { name: '蔡文' } })
    const first = await stack.api.login(cai.userType, cai.username, cai.password)
    expect(first.status).toBe(200)
    expect(first.body.user.mustChangePassword).toBe(true)
    const token = first.body.accessToken

    const blocked = await stack.api.refused('profile', { as: token })
    expect(blocked.status).toBe(403)
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED')

    // Passwords outside the policy, as a hand-made request would send them.
    const changePassword = (body: { oldPassword: string; newPassword: string }) => stack.api.request('POST', '/api/v1/auth/password', { token, body })
    const weak = await changePassword({ oldPassword: cai.password, newPassword: 'abcdefgh' })
    expect(weak.status).toBe(400)
    expect(weak.body.fieldErrors.newPassword).toBe('密码须同时包含字母和数字')

    const containsUsername = await changePassword({ oldPassword: cai.password, newPassword: `a${cai.username}` })
    expect(containsUsername.status).toBe(400)

    const wrongOld = await changePassword({ oldPassword: 'nope1234', newPassword: 'NewPass2026' })
    expect(wrongOld.status).toBe(400)
    expect(wrongOld.body.fieldErrors.oldPassword).toBe('原密码不正确')

    const changed = await stack.api.ok('changePassword', { as: token, body: { oldPassword: cai.password, newPassword: 'NewPass2026' } })
    expect(changed.user.mustChangePassword).toBe(false)
    expect((await stack.api.ok('profile', { as: changed.accessToken })).name).toBe('蔡文')

    expect((await refresh(stack.api, first.body.refreshToken)).status).toBe(401)
    expect((await stack.api.login(cai.userType, cai.username, cai.password)).status).toBe(401)
    expect((await stack.api.login(cai.userType, cai.username, 'NewPass2026')).status).toBe(200)
  })
})

describe('sessions', () => {
  test('refreshes, and logout ends the refresh token', async ({ stack, member }) => {
    const { body: session } = await signInAgain(stack.api, member)
    const refreshed = await stack.api.ok('refresh', { body: { refreshToken: session.refreshToken } })
    expect((await stack.api.call('logout', { as: refreshed.accessToken })).status).toBe(200)
    expect((await refresh(stack.api, refreshed.refreshToken)).status).toBe(401)
  })

  test('ends every access token of the account at once on logout, on every device', async ({ stack, member }) => {
    const phone = await signInAgain(stack.api, member)
    const laptop = await signInAgain(stack.api, member)
    expect((await stack.api.call('profile', { as: laptop.body.accessToken })).status).toBe(200)
    expect((await stack.api.call('logout', { as: phone.body.accessToken })).status).toBe(200)
    for (const token of [phone.body.accessToken, laptop.body.accessToken]) {
      const after = await stack.api.refused('profile', { as: token })
      expect(after.status).toBe(401)
      expect(after.body.code).toBe('UNAUTHENTICATED')
    }
    expect((await refresh(stack.api, laptop.body.refreshToken)).status).toBe(401)
  })

  test('ends the other sessions at once on a password change, and refuses the same password', async ({ stack, member }) => {
    const { password } = member.account
    const other = await signInAgain(stack.api, member)
    const here = await signInAgain(stack.api, member)
    const same = await stack.api.refused('changePassword', { as: here.body.accessToken, body: { oldPassword: password, newPassword: password } })
    expect(same.status).toBe(400)
    expect(same.body.fieldErrors).toEqual({ newPassword: '新密码不能与原密码相同' })
    expect((await stack.api.call('profile', { as: other.body.accessToken })).status).toBe(200)

    const changed = await stack.api.ok('changePassword', { as: here.body.accessToken, body: { oldPassword: password, newPassword: 'Changed2026wf' } })
    expect((await stack.api.call('profile', { as: other.body.accessToken })).status).toBe(401)
    expect((await stack.api.call('profile', { as: here.body.accessToken })).status).toBe(401)
    expect((await stack.api.call('profile', { as: changed.accessToken })).status).toBe(200)
  })

  test('rotates refresh tokens: a used one fails, and its reuse ends the session', async ({ stack, member }) => {
    const { body: first } = await signInAgain(stack.api, member)
    const second = await stack.api.ok('refresh', { body: { refreshToken: first.refreshToken } })
    expect(second.refreshToken).not.toBe(first.refreshToken)
    const third = await stack.api.ok('refresh', { body: { refreshToken: second.refreshToken } })

    // Someone replays a refresh token already used: it leaked, so the whole session ends.
    expect((await refresh(stack.api, first.refreshToken)).status).toBe(401)
    expect((await refresh(stack.api, third.refreshToken)).status).toBe(401)
    expect((await stack.api.call('profile', { as: third.accessToken })).status).toBe(401)
  })

  test('refuses missing, forged and refresh-typed tokens', async ({ stack, member }) => {
    expect((await stack.api.call('profile')).status).toBe(401)
    const { body: session } = await signInAgain(stack.api, member)
    const [header, payload] = session.accessToken.split('.')
    const forged = `${header}.${payload}.c2lnbmF0dXJl`
    expect((await stack.api.call('profile', { as: forged })).status).toBe(401)
    expect((await stack.api.call('profile', { as: session.refreshToken })).status).toBe(401)
  })
})

describe('roles', () => {
  test('keeps members out of the staff inbox', async ({ member }) => {
    const { status, body } = await member.refused('inbox')
    expect(status).toBe(403)
    expect(body.code).toBe('FORBIDDEN')
  })

  test("shows local staff their own association's inbox", async ({ localStaff }) => {
    const inbox = await localStaff.ok('inbox')
    expect(inbox.scope).toEqual({ code: 'ZJ', name: '浙江省注册会计师协会' })
    expect(inbox.total).toBe(inbox.categories.reduce((sum, c) => sum + c.pending, 0))
    expect(inbox.categories.map((c) => c.label)).toEqual(['入会申请', '年检申请', '暂缓年检', '会费确认', '产出式学时', '减免学时'])
  })

  test('counts and lists waiting items in the right scope only', async ({ stack, localStaff: zjStaff, aLocalStaff }) => {
    const bjStaff = await aLocalStaff('BJ')
    const [zjBefore, bjBefore] = [await zjStaff.ok('inbox'), await bjStaff.ok('inbox')]
    const pendingInspections = (inbox: typeof zjBefore) => inbox.categories.find((c) => c.kind === 'inspection')!.pending

    const submittedAt = '2000-01-01T08:00:00.000Z'
    const subtitle = `${inspectionYear()}年度年检`
    await dynamo().send(
      new PutCommand({
        TableName: config.tableName,
        Item: {
          PK: 'TESTITEM#1',
          SK: 'ITEM',
          version: 1,
          ...waitingFor('ZJ', 'inspection', {
            id: 'insp-1',
            title: '张晓明',
            subtitle,
            submittedAt,
            number: '330000260001',
            name: '张晓明',
            year: 2000,
            state: 'new',
          }),
        },
      }),
    )
    const zj = await zjStaff.ok('inbox')
    expect(zj.total).toBe(zjBefore.total + 1)
    expect(pendingInspections(zj)).toBe(pendingInspections(zjBefore) + 1)
    const list = await zjStaff.ok('inboxItems', { params: { kind: 'inspection' } })
    expect(list.label).toBe('年检申请')
    // Oldest first: the one submitted in 2000 leads the list.
    expect(list.items[0]).toEqual({
      id: 'insp-1',
      kind: 'inspection',
      title: '张晓明',
      subtitle,
      submittedAt,
      number: '330000260001',
      year: 2000,
      state: 'new',
      version: 1,
    })
    expect((await zjStaff.call('inboxItems', { params: { kind: 'good_standing' } })).status).toBe(403)
    // A kind outside the contract, as a hand-made request would ask for it.
    const badKind = await stack.api.request('GET', '/api/v1/staff/inbox/nothing', { token: zjStaff.token })
    expect(badKind.status).toBe(400)
    expect(badKind.body.fieldErrors.kind).toBe('请选择有效的事项类型')

    expect((await bjStaff.ok('inbox')).total).toBe(bjBefore.total)
    expect((await bjStaff.ok('inboxItems', { params: { kind: 'inspection' } })).items.map((item) => item.id)).not.toContain('insp-1')
  })

  test('shows CICPA staff the national inbox', async ({ cicpaStaff }) => {
    const inbox = await cicpaStaff.ok('inbox')
    expect(inbox.scope.name).toBe('中国注册会计师协会')
    expect(inbox.categories.map((c) => c.kind)).toEqual(['admission', 'good_standing'])
  })

  test('shows staff who they act as on 我的', async ({ localStaff }) => {
    expect(await localStaff.ok('profile')).toEqual({
      kind: 'staff',
      role: 'local_staff',
      username: localStaff.account.username,
      name: localStaff.account.displayName,
      association: { code: 'ZJ', name: '浙江省注册会计师协会' },
    })
  })
})
