import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { backButton, browserStack, chooseUserType, openPhone, tab, titleBar, topPage, typeInto } from '../support/browser'
import { aCicpaStaff, aLocalStaff, aMember, anApplication } from '../support/builders'

const env = browserStack()

async function fillLogin(phone: Awaited<ReturnType<typeof openPhone>>, username: string, password: string, captcha?: string) {
  await typeInto(phone.page, 'login__username', username)
  await typeInto(phone.page, 'login__password', password)
  await typeInto(phone.page, 'login__captcha-input', captcha ?? (await phone.currentCaptchaAnswer()))
}

async function submitLogin(page: Page) {
  await page.locator('#login-submit').tap()
}

describe('member', () => {
  it('logs in, sees the member home and 我的 with masked data, and logs out', async () => {
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await expect.poll(() => page.locator('#login-submit').getAttribute('aria-disabled')).toBe('true')
    await expect.poll(() => page.getByText('请填写用户名、密码、验证码后登录').isVisible()).toBe(true)
    await phone.screenshot('01-login')

    const zhang = await aMember(env.stack.api)
    const { idNumber, phone: mobile, memberNo } = zhang.member
    await fillLogin(phone, zhang.account.username, zhang.account.password)
    // scrypt makes a login take seconds: the button says so until the answer comes.
    let answerLogin = () => {}
    const held = new Promise<void>((resolve) => {
      answerLogin = resolve
    })
    await page.route('**/api/v1/login', async (route) => {
      await held
      await route.continue()
    })
    await submitLogin(page)
    const submit = page.locator('#login-submit')
    await expect.poll(() => submit.textContent()).toBe('登录中…')
    expect(await submit.getAttribute('aria-disabled')).toBe('true')
    await phone.screenshot('01b-login-in-progress')
    answerLogin()
    await page.getByText(`会员编号 ${memberNo}`).waitFor()
    await expect.poll(() => page.getByText('浙江省注册会计师协会').isVisible()).toBe(true)
    // The H5 title bar names the page; the home is the bottom of its stack: nothing to go back to.
    await expect.poll(() => titleBar(page).textContent()).toBe('会员服务')
    expect(await backButton(page).isVisible()).toBe(false)
    await expect.poll(() => tab(page, '首页').getAttribute('aria-current')).toBe('page')
    await phone.screenshot('02-member-home')

    await tab(page, '我的').tap()
    await page.getByText(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`).waitFor()
    expect(await page.content()).not.toContain(idNumber)
    await expect.poll(() => page.getByText(`${mobile!.slice(0, 3)}****${mobile!.slice(-4)}`).isVisible()).toBe(true)
    await expect.poll(() => titleBar(page).textContent()).toBe('我的')
    await expect.poll(() => tab(page, '我的').getAttribute('aria-current')).toBe('page')
    expect(await backButton(page).isVisible()).toBe(false)
    await phone.screenshot('03-mine')

    // A page opened from 我的 has the way back in its title bar.
    await topPage(page).locator('.nut-cell', { hasText: '修改密码' }).tap()
    await expect.poll(() => titleBar(page).textContent()).toBe('修改密码')
    await expect.poll(() => topPage(page).getAttribute('class')).toContain('taro_page_stationed')
    await phone.screenshot('03b-title-bar-back')
    await backButton(page).tap()
    await expect.poll(() => titleBar(page).textContent()).toBe('我的')
    expect(await backButton(page).isVisible()).toBe(false)
    await tab(page, '首页').tap()
    await page.locator('.home__entries').waitFor()
    await tab(page, '我的').tap()

    const stored = await page.evaluate(() => localStorage.getItem('cicpa.session'))
    const refreshToken = JSON.parse(stored!).data.refreshToken as string
    await page.locator('#logout').tap()
    await page.getByText('确定要退出登录吗？').waitFor()
    await phone.screenshot('03c-logout-confirm')
    await page.locator('.taro-modal__foot').getByText('退出', { exact: true }).tap()
    await page.locator('#login-submit').waitFor()
    // Logging out ends the session on the server too, not just on this phone.
    expect((await env.stack.api.refused('refresh', { body: { refreshToken } })).status).toBe(401)
    expect(await page.evaluate(() => localStorage.getItem('cicpa.session'))).toBeNull()
    await page.close()
  })

  // Seven sign-ins, each a deliberately slow password hash: on a machine whose cores are busy that outlasts 60 s.
  it('shows the wrong-captcha, wrong-password and lockout messages on screen', async () => {
    const { account: wang } = await aMember(env.stack.api)
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    const firstAnswer = await phone.currentCaptchaAnswer()
    await fillLogin(phone, wang.username, wang.password, firstAnswer === 'zzzz' ? 'yyyy' : 'zzzz')
    await submitLogin(page)
    // Said once, beside the captcha field.
    await page.locator('.form-field__error', { hasText: '验证码错误或已过期' }).waitFor()
    expect(await page.getByText(/验证码错误或已过期/).count()).toBe(1)
    await phone.screenshot('04-login-wrong-captcha')

    let answer = await phone.nextCaptchaAnswer(firstAnswer)
    for (let attempt = 1; attempt <= 5; attempt++) {
      await fillLogin(phone, wang.username, `Wrong${attempt}pass`, answer)
      await submitLogin(page)
      if (attempt < 5) {
        await page.getByText('用户名或密码错误（连续输错5次将锁定15分钟）').waitFor()
        if (attempt === 1) await phone.screenshot('05-login-wrong-password')
      }
      answer = await phone.nextCaptchaAnswer(answer)
    }
    await page.getByText('密码连续输错5次，账号已锁定，请15分钟后再试').waitFor()
    await phone.screenshot('06-login-locked')

    await fillLogin(phone, wang.username, wang.password, answer)
    await submitLogin(page)
    await page.getByText(/账号已锁定/).waitFor()

    // Another user type starts over: no number typed for the old one, no refusal meant for it.
    await chooseUserType(page, '协会工作人员')
    await expect.poll(() => page.locator('.login__username input').inputValue()).toBe('')
    await expect.poll(() => page.getByText(/账号已锁定/).count()).toBe(0)
    await phone.screenshot('06b-login-type-switched')
    await page.close()
  }, 150_000)

  it('forces a new member to replace the initial password before anything else', async () => {
    const { account: cai, member } = await aMember(env.stack.api, { association: 'BJ', joined: { days: 10 }, mustChangePassword: true })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await fillLogin(phone, cai.username, cai.password)
    await submitLogin(page)
    await page.getByText('首次登录须先修改初始密码').waitFor()
    await phone.screenshot('07-forced-password-change')

    // The member home is not reachable until the password is changed: a fresh load of it lands back here.
    await page.goto(`${env.stack.webUrl}/#/pages/home/index`)
    await page.reload()
    await page.waitForURL(/pages\/password/)
    await page.locator('.password__notice').waitFor()
    await expect.poll(() => page.locator('.password__old input').count()).toBe(1)

    await typeInto(page, 'password__old', cai.password)
    await typeInto(page, 'password__new', 'abcdefgh')
    await typeInto(page, 'password__confirm', 'abcdefgh')
    await page.locator('#password-submit').tap()
    await page.getByText('密码须同时包含字母和数字').waitFor()

    await typeInto(page, 'password__new', 'NewPass2026')
    await typeInto(page, 'password__confirm', 'NewPass2027')
    await page.locator('#password-submit').tap()
    await page.getByText('两次输入的新密码不一致').waitFor()
    await phone.screenshot('08-password-mismatch')

    await typeInto(page, 'password__confirm', 'NewPass2026')
    await page.locator('#password-submit').tap()
    await page.getByText(`会员编号 ${member.memberNo}`).waitFor()

    const relogin = await env.stack.api.login(cai.userType, cai.username, 'NewPass2026')
    expect(relogin.status).toBe(200)
    expect(relogin.body.user.mustChangePassword).toBe(false)
    await page.close()
  })
})

describe('staff', () => {
  it('shows local staff their association inbox with counts', async () => {
    await anApplication(env.stack.api)
    const zjStaff = (await aLocalStaff(env.stack.api, 'ZJ')).account
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await chooseUserType(page, '协会工作人员')
    await expect.poll(() => page.locator('.login__username input').getAttribute('placeholder')).toBe('请输入工作人员账号')
    await fillLogin(phone, zjStaff.username, zjStaff.password)
    await submitLogin(page)
    // The application just submitted waits for 浙江.
    await page.locator('.inbox__category--admission', { hasText: '1' }).waitFor()
    await expect.poll(() => page.locator('.inbox__scope').textContent()).toBe('浙江省注册会计师协会')
    await expect.poll(() => page.locator('.inbox__category').count()).toBe(6)
    await expect.poll(() => tab(page, '待办').getAttribute('aria-current')).toBe('page')
    await phone.screenshot('09-local-staff-inbox')

    // Staff's tabs: 待办 and 我的.
    await tab(page, '我的').tap()
    await expect.poll(() => topPage(page).locator('.mine__info').textContent()).toContain('地方注协工作人员')
    expect(await tab(page, '首页').count()).toBe(0)
    await phone.screenshot('09b-local-staff-mine')
    await tab(page, '待办').tap()
    await page.locator('.inbox__category--admission', { hasText: '1' }).waitFor()
    await page.close()
  })

  it('shows CICPA staff the national inbox', async () => {
    await anApplication(env.stack.api, { stage: 'cicpa_pending' })
    const cicpaStaff = (await aCicpaStaff(env.stack.api)).account
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await chooseUserType(page, '协会工作人员')
    await fillLogin(phone, cicpaStaff.username, cicpaStaff.password)
    await submitLogin(page)
    // An application 浙江 has approved waits for CICPA's confirmation.
    await page.locator('.inbox__category--admission', { hasText: '1' }).waitFor()
    await expect.poll(() => page.locator('.inbox__scope').textContent()).toBe('中国注册会计师协会')
    await expect
      .poll(() => page.locator('.inbox__category').allTextContents())
      .toEqual([expect.stringContaining('入会申请'), expect.stringContaining('良好存续证明')])
    await phone.screenshot('10-cicpa-staff-inbox')
    await page.close()
  })
})

describe('contacts', () => {
  it('lists the 32 local associations and CICPA contacts without logging in, with dialable numbers', async () => {
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await page.getByText('各地注协联系方式').tap()
    await page.getByText('各地方注协（32）').waitFor()
    await expect.poll(() => page.locator('.contacts__item').count()).toBe(32 + 4)
    await phone.screenshot('11-contacts')

    await typeInto(page, 'contacts__search', '福建')
    await page.getByText('各地方注协（1）').waitFor()
    await expect.poll(() => page.locator('.phone-link', { hasText: '0591-87097006' }).isVisible()).toBe(true)

    await page.close()
  })
})
