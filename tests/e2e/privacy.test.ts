import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserStack, chooseUserType, openPhone, signIn, topPage, typeInto } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'

const env = browserStack()

const popup = (page: Page) => page.getByRole('dialog', { name: '用户隐私保护提示' })
const idNumberInput = (page: Page) => topPage(page).locator('.admission-form__idNumber input')

/** The answer of the captcha that `action` makes the page load. */
async function captchaLoadedBy(page: Page, action: () => Promise<unknown>): Promise<string> {
  const loaded = page.waitForResponse((response) => response.url().endsWith('/api/v1/captcha') && response.status() === 200)
  await action()
  const { captchaId } = await (await loaded).json()
  return env.stack.api.captchaAnswer(captchaId)
}

/** 非执业会员入会申请 from the login screen: 须知, then the captcha, then the form. */
async function openAdmissionForm(page: Page) {
  await page.goto(`${env.stack.webUrl}/`)
  await page.getByText('非执业会员入会申请').tap()
  await page.getByText('我已阅读并接受以上入会须知').tap()
  const answer = await captchaLoadedBy(page, () => page.locator('#notice-accept').tap())
  await topPage(page).locator('.captcha__input input').fill(answer)
  await topPage(page).locator('#verify-submit').tap()
  await topPage(page).getByText('证件信息', { exact: true }).waitFor()
}

describe('用户隐私保护指引', () => {
  it('is agreed to before the admission form takes an ID number; 拒绝 leaves the form disabled with the reason', async () => {
    const phone = await openPhone(env.browser, env.stack.api, { privacyAgreed: false })
    const { page } = phone
    await openAdmissionForm(page)

    await popup(page).waitFor()
    await expect.poll(() => idNumberInput(page).isDisabled()).toBe(true)
    await expect.poll(() => popup(page).textContent()).toContain('身份证件号码')
    await phone.screenshot('privacy-01-popup')

    // The guide opens from the popup; back on the form the question is still open. The member goes
    // back at once: with the page's timers held, the router's hiding of the form and its showing
    // again fall due together, as a quick back (or a busy machine) makes them.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000)
    await popup(page).getByText('《用户隐私保护指引》').tap()
    await topPage(page).getByText('一、我们处理的信息及用途').waitFor()
    await page.goBack()
    await page.waitForFunction(() => location.hash.includes('/admission/form/'))
    await page.clock.runFor(1000)
    await page.clock.resume()
    await popup(page).waitFor()

    await popup(page).locator('#privacy-refuse').tap()
    await popup(page).waitFor({ state: 'hidden' })
    await topPage(page).getByText('需同意《用户隐私保护指引》后才能填写身份证件号码、手机号码等入会申请信息').waitFor()
    expect(await idNumberInput(page).isDisabled()).toBe(true)
    expect(await topPage(page).locator('#application-submit').getAttribute('class')).toContain('nut-button-disabled')
    await phone.screenshot('privacy-02-refused')

    await topPage(page).getByText('查看并同意').tap()
    await popup(page).locator('#privacy-agree').tap()
    await popup(page).waitFor({ state: 'hidden' })
    await idNumberInput(page).fill('110105199703151020')
    await expect.poll(() => topPage(page).getByText('需同意《用户隐私保护指引》').count()).toBe(0)

    // Remembered: after a reload the form opens without asking again.
    await page.reload()
    await topPage(page).getByText('证件信息', { exact: true }).waitFor()
    await expect.poll(() => idNumberInput(page).isEnabled()).toBe(true)
    expect(await popup(page).isVisible()).toBe(false)
    await page.context().close()
  })

  it('asks again on 找回密码 其他信息验证, whose ID number field stays disabled after 拒绝', async () => {
    const { member } = await aMember(env.stack.api)
    const phone = await openPhone(env.browser, env.stack.api, { privacyAgreed: false })
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await page.locator('.login__forgot').tap()
    await typeInto(page, 'reset__member-no', member.memberNo)
    await page.locator('#reset-next').tap()
    await page.locator('.reset__methods').getByText('其他信息验证', { exact: true }).tap()

    await popup(page).waitFor()
    await popup(page).locator('#privacy-refuse').tap()
    await topPage(page).getByText('需同意《用户隐私保护指引》后才能填写身份证件号码进行验证').waitFor()
    expect(await page.locator('.reset__id-number input').isDisabled()).toBe(true)
    await page.context().close()
  })

  it('asks before the first file is chosen; 拒绝 disables 上传 with the reason', async () => {
    const { account } = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true })
    const phone = await openPhone(env.browser, env.stack.api, { privacyAgreed: false })
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await typeInto(page, 'login__username', account.username)
    await typeInto(page, 'login__password', account.password)
    await typeInto(page, 'login__captcha-input', await phone.currentCaptchaAnswer())
    await page.locator('#login-submit').tap()
    await page.locator('.home__entry--apply').tap()
    await page.getByText('累计应完成学时').waitFor()
    // Reading the page collects nothing: the question waits for the first file.
    expect(await popup(page).isVisible()).toBe(false)

    const upload = page.locator('#materials-add-inspection')
    await upload.tap()
    await popup(page).locator('#privacy-refuse').tap()
    await page.getByText('需同意《用户隐私保护指引》后才能上传附件').waitFor()
    expect(await upload.getAttribute('class')).toContain('nut-button-disabled')

    await page.getByText('查看并同意').tap()
    await popup(page).locator('#privacy-agree').tap()
    await expect.poll(() => upload.getAttribute('class')).not.toContain('nut-button-disabled')
    const chooser = page.waitForEvent('filechooser')
    await upload.tap()
    await (await chooser).setFiles({
      name: '学时证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048)]),
    })
    await page.locator('.materials__file', { hasText: '学时证明.pdf' }).waitFor()
    await page.context().close()
  })

  it('asks before 扫一扫 turns on the camera; 拒绝 says why and stays in the inbox', async () => {
    const { account } = await aLocalStaff(env.stack.api, 'ZJ')
    const phone = await openPhone(env.browser, env.stack.api, { privacyAgreed: false })
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await chooseUserType(page, '协会工作人员')
    await typeInto(page, 'login__username', account.username)
    await typeInto(page, 'login__password', account.password)
    await typeInto(page, 'login__captcha-input', await phone.currentCaptchaAnswer())
    await page.locator('#login-submit').tap()
    await page.locator('.inbox__scope').waitFor()

    await page.locator('#inbox-scan').tap()
    await popup(page).locator('#privacy-refuse').tap()
    await page.getByText('需同意《用户隐私保护指引》后才能使用扫一扫').waitFor()
    expect(await page.locator('#scan-cancel').count()).toBe(0)

    await page.locator('#inbox-scan').tap()
    await popup(page).locator('#privacy-agree').tap()
    await page.locator('#scan-cancel').waitFor()
    await page.context().close()
  })

  it('opens in full from 我的', async () => {
    const { account } = await aMember(env.stack.api)
    const phone = await signIn(env.browser, env.stack, account)
    const { page } = phone
    await page.getByText('我的', { exact: true }).last().tap()
    await topPage(page).locator('.mine__privacy').tap()
    const guide = topPage(page)
    await guide.getByText('一、我们处理的信息及用途').waitFor()
    for (const text of ['身份证件号码', '手机号码', '微信 openid', '二、保存期限', '地方注协', '中注协', '010-88250338']) {
      await expect.poll(() => guide.textContent()).toContain(text)
    }
    await phone.screenshot('privacy-03-guide')
    await page.context().close()
  })
})
