import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { idCheckChar } from '../../shared/admission'
import { GetCommand } from '../../functions/adapters/dynamo-client'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { config } from '../../functions/config'
import { placeholderPhotoPng } from '../../functions/local/demo-admissions'
import { browserStack, chooseUserType, confirmModal, openPhone, pickerConfirm, signIn, topPage } from '../support/browser'
import { aCicpaStaff, aLocalStaff, aMember, anApplication } from '../support/builders'

const env = browserStack()

const applicantId = `11010519970315102${idCheckChar('11010519970315102')}`

const top = topPage

async function fill(page: Page, className: string, text: string) {
  await top(page).locator(`.${className} input`).fill(text)
}

/** Opens one of the form's pickers and confirms its first option (or the value it shows). */
async function pickFirst(page: Page, field: string) {
  await top(page).locator(`.admission-form__${field}`).tap()
  await pickerConfirm(page).tap()
  await expect.poll(() => top(page).locator(`.admission-form__${field}`).textContent()).not.toContain('请选择')
}

/** The answer of the captcha that `action` makes the page load (each captcha is single-use). */
async function captchaLoadedBy(page: Page, action: () => Promise<unknown>): Promise<string> {
  await page.waitForLoadState('networkidle')
  const loaded = page.waitForResponse((response) => response.url().endsWith('/api/v1/captcha') && response.status() === 200)
  await action()
  const { captchaId } = await (await loaded).json()
  return env.stack.api.captchaAnswer(captchaId)
}

async function openLogin(page: Page): Promise<string> {
  return captchaLoadedBy(page, () => page.goto(`${env.stack.webUrl}/`))
}

async function login(page: Page, captchaAnswer: string, userType: string, username: string, password: string) {
  if (userType !== '非执业会员') await chooseUserType(page, userType)
  await page.locator('.login__username input').fill(username)
  await page.locator('.login__password input').fill(password)
  await page.locator('.login__captcha-input input').fill(captchaAnswer)
  await page.locator('#login-submit').tap()
}

describe('applicant', () => {
  it('walks from the notice through verification and the form to the business number', async () => {
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openLogin(page)
    await page.getByText('非执业会员入会申请').tap()

    await page.getByText('入会须知', { exact: true }).waitFor()
    await expect.poll(() => page.locator('#notice-accept').getAttribute('aria-disabled')).toBe('true')
    await page.getByText('请先阅读并勾选接受入会须知').waitFor()
    await phone.screenshot('adm-01-notice')
    await page.getByText('我已阅读并接受以上入会须知').tap()
    const firstAnswer = await captchaLoadedBy(page, () => page.locator('#notice-accept').tap())

    await page.getByText('验证信息', { exact: true }).waitFor()
    await fill(page, 'captcha__input', firstAnswer === 'zzzz' ? 'yyyy' : 'zzzz')
    const secondAnswer = await captchaLoadedBy(page, () => top(page).locator('#verify-submit').tap())
    await page.getByText('验证码错误或已过期，请点击图片刷新后重新输入').waitFor()
    await phone.screenshot('adm-02-verify-wrong-captcha')
    await fill(page, 'captcha__input', secondAnswer)
    await top(page).locator('#verify-submit').tap()

    await top(page).getByText('基本信息', { exact: true }).waitFor()
    await phone.screenshot('adm-03-form-empty')
    // Submitting empty marks the required fields.
    await top(page).locator('#application-submit').tap()
    await top(page).getByText('请填写姓名').waitFor()
    await expect.poll(() => top(page).locator('.form-field__error').count()).toBeGreaterThan(10)
    await phone.screenshot('adm-04-form-required')

    await fill(page, 'admission-form__name', '吴佳')
    await fill(page, 'admission-form__idNumber', applicantId.slice(0, 17) + (applicantId.endsWith('0') ? '1' : '0'))
    await top(page).locator('#application-submit').tap()
    await top(page).getByText('居民身份证号码校验位不正确，请核对').waitFor()

    // A valid ID fills in birth date and gender.
    await fill(page, 'admission-form__idNumber', applicantId)
    await expect.poll(() => top(page).locator('.admission-form__birthDate').textContent()).toContain('1997-03-15')
    await expect.poll(() => top(page).locator('.admission-form__gender').textContent()).toContain('女')

    // Going back to the verification page and forward again keeps what was typed.
    await page.evaluate(() => history.back())
    await top(page).getByText('验证信息', { exact: true }).waitFor()
    const thirdAnswer = await captchaLoadedBy(page, () => top(page).locator('.captcha').tap())
    await fill(page, 'captcha__input', thirdAnswer)
    await top(page).locator('#verify-submit').tap()
    await expect.poll(() => top(page).locator('.admission-form__name input').inputValue()).toBe('吴佳')
    await expect.poll(() => top(page).locator('.admission-form__birthDate').textContent()).toContain('1997-03-15')

    await pickFirst(page, 'ethnicity')
    await pickFirst(page, 'politicalStatus')
    await pickFirst(page, 'education')
    await pickFirst(page, 'region')
    await fill(page, 'admission-form__household', '北京市海淀区')
    await fill(page, 'admission-form__phone', '13911112222')
    await fill(page, 'admission-form__email', 'wujia@example.com')
    await fill(page, 'admission-form__workUnit', '北京某某信息技术有限公司')
    await fill(page, 'admission-form__certificateNo', 'QK2025110800001')
    await top(page).locator('.admission-form__certificateDate').tap()
    await pickerConfirm(page).tap()
    await expect.poll(() => top(page).locator('.admission-form__certificateDate').textContent()).toMatch(/\d{4}-\d{2}-\d{2}/)
    await pickFirst(page, 'associationCode')
    await expect.poll(() => top(page).locator('.admission-form__associationCode').textContent()).toContain('北京注册会计师协会')

    const chooser = page.waitForEvent('filechooser')
    await top(page).locator('#photo-choose').tap()
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: placeholderPhotoPng() })
    await top(page).locator('img.admission-form__photo, .admission-form__photo img').first().waitFor()
    await expect.poll(() => top(page).locator('#photo-choose').textContent()).toContain('重新上传')
    await phone.screenshot('adm-05-form-filled')

    // The applicant has no account to bind: the tap that submits asks to send the decision to WeChat.
    await top(page).locator('#application-submit').tap()
    const prompt = page.locator('.taro-modal__content', { hasText: '申请向你发送以下消息' })
    await prompt.waitFor()
    await expect.poll(() => prompt.textContent()).toContain('“审核结果通知”')
    await phone.screenshot('adm-05b-subscription-prompt')
    await page.locator('.taro-modal__foot').getByText('允许', { exact: true }).tap()
    await page.getByText('入会申请已提交').waitFor()
    const businessNo = (await top(page).locator('.admission-success__number').textContent())!.trim()
    expect(businessNo).toMatch(/^RH\d{14}$/)
    await phone.screenshot('adm-06-success')
    await page.locator('#copy-business-no').tap()

    const progressAnswer = await captchaLoadedBy(page, () => page.locator('#go-progress').tap())
    await expect.poll(() => top(page).locator('.progress__business-no input').inputValue()).toBe(businessNo)
    await fill(page, 'captcha__input', progressAnswer)
    await top(page).locator('#progress-submit').tap()
    await top(page).locator('.progress__stage', { hasText: '地方注协待审核' }).waitFor()
    await phone.screenshot('adm-07-progress-local-pending')
    await page.close()

    // 允许 at submission: the first decision reaches the WeChat that submitted, with the 业务编号.
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.admission(businessNo), ConsistentRead: true }))
    const staff = await aLocalStaff(env.stack.api, 'BJ')
    const { version } = await staff.ok('admissionReview', { params: { businessNo } })
    await staff.ok('admissionDecide', { params: { businessNo }, body: { action: 'approve', opinion: '', version } })
    const { messages } = await env.stack.api.ok('devOutbox', { query: { channel: 'wechat', recipient: String(Item?.openid) } })
    expect(messages.map((message) => message.body)).toEqual([expect.stringContaining(`审核结果：初审通过；审核时间：`)])
    expect(messages[0]!.body).toContain(`业务编号${businessNo}`)
  })
})

/** Stops the page's clock a moment ahead of where it is (it runs on while the request to stop it travels). */
async function freezePageTime(page: Page) {
  for (;;) {
    const ahead = (await page.evaluate(() => Date.now())) + 1000
    try {
      return await page.clock.pauseAt(ahead)
    } catch (error) {
      if (!String(error).includes('to the past')) throw error
    }
  }
}

describe('staff', () => {
  async function decideOnScreen(
    { username, password }: { username: string; password: string },
    applicant: { name: string; idNumber: string },
    buttonId: string,
    screenshotPrefix: string,
  ) {
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await login(page, await openLogin(page), '协会工作人员', username, password)
    await page.locator('.inbox__category', { hasText: '入会申请' }).tap()
    await page.locator('.staff-list__item', { hasText: applicant.name }).waitFor()
    await phone.screenshot(`${screenshotPrefix}-list`)
    await page.locator('.staff-list__item', { hasText: applicant.name }).tap()
    await top(page).locator('.review__id-number', { hasText: applicant.idNumber }).waitFor()
    await top(page).locator('img.review__photo, .review__photo img').first().waitFor()
    await phone.screenshot(`${screenshotPrefix}-review`)
    await top(page).locator(buttonId).tap()
    await page.locator('.taro-modal__content').waitFor()
    await phone.screenshot(`${screenshotPrefix}-dialog`)
    await confirmModal(page, '')
    await page.getByText(/^(已处理|已确认)/).waitFor()
    await page.close()
  }

  it('local staff approve in the review screen, then CICPA staff confirm', async () => {
    const { form } = await anApplication(env.stack.api, { form: { name: '郑洁', associationCode: 'BJ' } })
    const applicant = { name: form.name, idNumber: form.idNumber }
    await decideOnScreen((await aLocalStaff(env.stack.api, 'BJ')).account, applicant, '#decision-approve', 'adm-08-bj')
    await decideOnScreen((await aCicpaStaff(env.stack.api)).account, applicant, '#decision-approve', 'adm-09-cicpa')
  })

  it('shows the application as CICPA confirmed it as soon as the decision is answered, however long a fresh read would take', async () => {
    const { businessNo, form } = await anApplication(env.stack.api, { stage: 'cicpa_pending', form: { name: '冯雪', associationCode: 'BJ' } })
    const phone = await signIn(env.browser, env.stack, (await aCicpaStaff(env.stack.api)).account)
    const { page } = phone
    await page.locator('.inbox__category', { hasText: '入会申请' }).tap()
    await page.locator('.staff-list__item', { hasText: form.name }).tap()
    const head = top(page).locator('.review__head')
    await head.getByText('地方注协审核通过待中注协确认', { exact: true }).waitFor()

    // A slow network from here on: reads of the application wait until the test lets them go.
    const heldReads: Route[] = []
    await page.route(`**/api/v1/admission/reviews/${businessNo}`, (route) => void heldReads.push(route))
    const decisionSent = new Promise<Route>((resolve) => void page.route(`**/api/v1/admission/reviews/${businessNo}/decision`, resolve, { times: 1 }))
    await top(page).locator('#decision-approve').tap()
    await confirmModal(page, '确认后将生成会员编号')
    const decision = await decisionSent
    await page.locator('.taro-modal__content').waitFor({ state: 'hidden' })
    // The page's time stands still, so it stays on the review (it goes back to the list after the toast) while it is looked at.
    await freezePageTime(page)
    await decision.fallback()
    await page.getByText(/^已确认，会员编号 \d+$/).waitFor()
    // The toast fades in from a timer of its own; 100 ms of page time is far from the 2 s after which the page leaves.
    await page.clock.runFor(100)
    await expect.poll(() => head.locator('.nut-tag').textContent()).toBe('中注协审核通过')
    await top(page).locator('.review__trail-node', { hasText: '中注协非执业会员入会确认通过' }).waitFor()
    expect(await top(page).locator('#decision-approve, #decision-return, #decision-reject').count()).toBe(0)
    await top(page).getByText('当前状态“中注协审核通过”，不由本级处理').waitFor()
    await phone.screenshot('adm-09b-cicpa-confirmed')

    for (const read of heldReads) await read.continue()
    await page.unrouteAll()
    await page.clock.resume()
    // Back on the list, which no longer holds it.
    await page.locator('.staff-list__item', { hasText: form.name }).waitFor({ state: 'detached' })
    await page.close()
  }, 120_000)

  it('asks for a reason before returning an application', async () => {
    const { form } = await anApplication(env.stack.api, { form: { name: '陈静' } })
    const { username, password } = (await aLocalStaff(env.stack.api, 'ZJ')).account
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await login(page, await openLogin(page), '协会工作人员', username, password)
    await page.locator('.inbox__category', { hasText: '入会申请' }).tap()
    await page.locator('.staff-list__item', { hasText: form.name }).tap()
    await top(page).locator('#decision-return').tap()
    await top(page).getByText('退回或不予通过时须填写原因').waitFor()
    await top(page).locator('.review__opinion textarea').fill('请上传近期白底免冠证件照')
    await phone.screenshot('adm-10-return-reason')
    await top(page).locator('#decision-return').tap()
    await confirmModal(page, '申请人修改后以原业务编号重新提交')
    await page.getByText(/^已处理：已退回/).waitFor()
    await page.close()
  })
})

describe('new member', () => {
  it('sees the account on the progress page, logs in with the initial password and must change it', async () => {
    const { businessNo } = await anApplication(env.stack.api, { stage: 'approved', form: { name: '吴佳', associationCode: 'BJ' } })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openLogin(page)
    const progressAnswer = await captchaLoadedBy(page, () => page.getByText('入会进度查询').tap())
    await fill(page, 'progress__business-no', businessNo)
    await fill(page, 'captcha__input', progressAnswer)
    await top(page).locator('#progress-submit').tap()
    await top(page).locator('.progress__stage', { hasText: '中注协审核通过' }).waitFor()
    const memberNo = (await top(page).locator('.progress__member-no .admission__row-value').textContent())!.trim()
    const initialPassword = (await top(page).locator('.progress__initial-password .admission__row-value').textContent())!.trim()
    expect(memberNo).toMatch(/^110000\d{6}$/)
    expect(initialPassword).toMatch(/^[A-Za-z0-9]{10}$/)
    await top(page).locator('.progress__account').scrollIntoViewIfNeeded()
    await phone.screenshot('adm-11-progress-approved')

    const loginAnswer = await captchaLoadedBy(page, () => top(page).locator('#go-login').tap())
    await login(page, loginAnswer, '非执业会员', memberNo, initialPassword)
    await page.getByText('首次登录须先修改初始密码').waitFor()
    await page.locator('.password__old input').fill(initialPassword)
    await page.locator('.password__new input').fill('Wujia2026new')
    await page.locator('.password__confirm input').fill('Wujia2026new')
    await phone.screenshot('adm-12-forced-password-change')
    await page.locator('#password-submit').tap()
    await page.getByText(`会员编号 ${memberNo}`).waitFor()
    await phone.screenshot('adm-13-member-home')
    await page.close()

    // After the change the progress page stops showing the initial password.
    const progress = await env.stack.api.request('POST', '/api/v1/admission/progress/by-number', {
      body: { businessNo, ...(await env.stack.api.solvedCaptcha()) },
    })
    expect(progress.body.account).toEqual({ memberNo, loginName: memberNo, initialPassword: null })
  })
})

describe('returned application and member-number lookup', () => {
  it('finds a returned application by basic information and reopens it for correction', async () => {
    const returnReason = '全科合格证号与证书不一致，请核对后重新提交'
    const returned = { ...(await anApplication(env.stack.api, { stage: 'returned', returnReason, form: { name: '赵磊' } })), returnReason }
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openLogin(page)
    const progressAnswer = await captchaLoadedBy(page, () => page.getByText('入会进度查询').tap())
    await top(page).locator('.progress__modes').getByText('基本信息查询', { exact: true }).tap()
    await fill(page, 'progress__name', returned.form.name)
    await fill(page, 'progress__id-number', returned.form.idNumber)
    await fill(page, 'progress__phone', returned.form.phone as string)
    await fill(page, 'captcha__input', progressAnswer)
    await top(page).locator('#progress-submit').tap()
    await top(page).getByText(`退回原因：${returned.returnReason}`).waitFor()
    await phone.screenshot('adm-14-progress-returned')

    await top(page).locator('#resubmit').tap()
    await top(page).locator('.admission-form__resubmit').waitFor()
    await expect.poll(() => top(page).locator('.admission-form__workUnit input').inputValue()).toBe(returned.form.workUnit)
    expect(await top(page).locator('.admission-form__idNumber input').inputValue()).toBe('')
    await fill(page, 'admission-form__workUnit', '北京某某科技发展有限公司')
    await fill(page, 'admission-form__idNumber', returned.form.idNumber)
    await phone.screenshot('adm-15-resubmit-form')
    await top(page).locator('#application-submit').tap()
    // 取消 leaves the resubmission as it is, without WeChat messages.
    await confirmModal(page, '申请向你发送以下消息', '取消')
    await page.getByText('修改后的申请已重新提交').waitFor()
    await expect.poll(() => top(page).locator('.admission-success__number').textContent()).toBe(returned.businessNo)
    await page.close()
  })

  it('looks up a member number by name and ID number, showing nothing else', async () => {
    const { member: wang } = await aMember(env.stack.api, { association: 'BJ', record: { name: '王芳' } })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openLogin(page)
    const lookupAnswer = await captchaLoadedBy(page, () => page.getByText('会员编号查询').tap())
    await fill(page, 'lookup__name', wang.name)
    await fill(page, 'lookup__id-number', wang.idNumber)
    await fill(page, 'captcha__input', lookupAnswer)
    await top(page).locator('#lookup-submit').tap()
    await expect.poll(() => top(page).locator('.lookup__member-no').textContent()).toBe(wang.memberNo)
    expect(await top(page).textContent()).not.toContain(wang.phone!)
    await phone.screenshot('adm-16-member-number-lookup')
    await page.close()
  })
})
