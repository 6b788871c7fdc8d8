import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserStack, openPhone, signIn, topPage, type Phone } from '../support/browser'
import { aLocalStaff, aMember, anApplication } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { putInspection, tokenOf } from '../support/inspections'

const env = browserStack()

/** WCAG 2.0 and 2.1, levels A and AA: what axe-core checks under these tags. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * What axe-core finds wrong on the screen now, one line a rule: its id and the elements it names
 * (CSS selectors), so a failure says where to look.
 */
async function violations(page: Page): Promise<string> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source })
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_AA,
  )
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`).join('\n')
}

/** Opens a screen by its route, waits for what shows it loaded, screenshots it and lists what axe-core finds. */
async function check(phone: Phone, route: string, ready: string, name: string) {
  await phone.page.goto(`${env.stack.webUrl}/#/${route}`)
  // Taro names each page by its route; the page before it stays in the document, hidden.
  await phone.page
    .locator(`.taro_page[id^="/${route.split('?')[0]}"]`)
    .getByText(ready)
    .first()
    .waitFor()
  await phone.screenshot(`a11y-${name}`)
  await expectAccessible(phone.page, name)
}

async function expectAccessible(page: Page, name: string) {
  const found = await violations(page)
  expect.soft(found, `${name}\n${found}`).toBe('')
}

const fontSize = (page: Page, selector: string) => page.locator(selector).evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize))

describe('WCAG 2.1 AA at 375×812', () => {
  it('text follows the reader’s own font size, and the page may be zoomed', async () => {
    const { page } = await openPhone(env.browser, env.stack.api)
    await page.goto(`${env.stack.webUrl}/`)
    await page.locator('#login-submit').waitFor()
    const usual = await fontSize(page, '#login-submit')
    // What a reader's larger text setting does to the browser: its default font size, 16 px, becomes 24.
    await (await page.context().newCDPSession(page)).send('Page.setFontSizes', { fontSizes: { standard: 24 } })
    await page.reload()
    await page.locator('#login-submit').waitFor()
    expect(await fontSize(page, '#login-submit')).toBeCloseTo(usual * 1.5, 1)
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).not.toMatch(/user-scalable\s*=\s*no|maximum-scale/)
  })

  it('public screens: login, contacts, verification, 找回密码, 入会须知, privacy guide', async () => {
    const member = await aMember(env.stack.api)
    await putInspection(member.member, inspectionYear() - 1, 'passed')
    const { url } = await member.ok('inspectionQr')
    const phone = await openPhone(env.browser, env.stack.api)
    await check(phone, 'pages/login/index', '忘记密码', 'login')
    await check(phone, 'pages/contacts/index', '浙江省注册会计师协会', 'contacts')
    await check(phone, `pages/verify/index?t=${tokenOf(url)}`, '二维码有效', 'verify')
    await check(phone, 'subpackages/reset/index/index', '会员编号', 'reset')
    await check(phone, 'subpackages/admission/notice/index', '我已阅读并接受以上入会须知', 'admission-notice')
    await check(phone, 'subpackages/privacy/guide/index', '用户隐私保护指引', 'privacy-guide')
  })

  it('member screens', async () => {
    const member = await aMember(env.stack.api, { hours: 20, info: true })
    await putInspection(member.member, inspectionYear() - 1, 'passed')
    const phone = await signIn(env.browser, env.stack, member.account)
    await check(phone, 'pages/home/index', `会员编号 ${member.member.memberNo}`, 'home')
    // Icon-only buttons say what they do.
    await phone.page.getByRole('button', { name: '消息，0条未读' }).waitFor()
    await check(phone, 'pages/mine/index', '退出登录', 'mine')
    // Every dialog is the platform's modal with its confirm button in the theme's blue.
    await phone.page.locator('#logout').tap()
    await phone.page.locator('.taro-modal__content', { hasText: '确定要退出登录吗？' }).waitFor()
    await phone.screenshot('a11y-dialog')
    await expectAccessible(phone.page, 'dialog')
    expect(await phone.page.locator('.taro-model__confirm').evaluate((button) => getComputedStyle(button).color)).toBe('rgb(29, 79, 145)')
    await phone.page.locator('.taro-modal__foot').getByText('取消', { exact: true }).tap()
    await check(phone, 'subpackages/inspection/apply/index', '年检', 'inspection-apply')
    await check(phone, 'subpackages/inspection/history/index', '年度', 'inspection-history')
    await check(phone, 'subpackages/credential/qr/index', '年检通过', 'inspection-qr')
    await check(phone, 'subpackages/credential/card/index', member.member.memberNo, 'member-card')
    await check(phone, 'subpackages/education/learn/index', '学时查询', 'education-learn')
    await check(phone, 'subpackages/education/hours/index', '学时', 'education-hours')
  })

  it('staff screens', async () => {
    const { form } = await anApplication(env.stack.api, { form: { name: '郑洁', associationCode: 'ZJ' } })
    const staff = await aLocalStaff(env.stack.api, 'ZJ')
    const phone = await signIn(env.browser, env.stack, staff.account)
    await check(phone, 'subpackages/staff/inbox/index', '入会申请', 'staff-inbox')
    await check(phone, 'subpackages/staff/list/index?kind=admission', form.name, 'staff-list')
    await topPage(phone.page).locator('.staff-list__item', { hasText: form.name }).tap()
    await topPage(phone.page).getByText('审核通过').waitFor()
    await phone.screenshot('a11y-staff-admission-review')
    await expectAccessible(phone.page, 'staff-admission-review')
    await check(phone, 'subpackages/staff/exports/index', '开始导出', 'staff-exports')
    await check(phone, 'subpackages/staff/figures/index', '年检', 'staff-figures')
    await check(phone, 'subpackages/staff/handled/index', '已办', 'staff-handled')
  })
})
