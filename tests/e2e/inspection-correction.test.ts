import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { agreedToPrivacyBefore, browserStack, chooseUserType, confirmModal, SCREENSHOT_DIR, signIn, topPage } from '../support/browser'
import { aLocalStaff, aMember, type SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { putInspection } from '../support/inspections'
import { scanSavedCode } from '../support/scan'

const env = browserStack()
const year = inspectionYear() - 1

/** A 浙江 member whose inspection of last year was decided as `status`. */
async function aMemberDecided(status: 'passed' | 'returned') {
  const built = await aMember(env.stack.api)
  await putInspection(built.member, year, status)
  return built
}

/** The member's code of that year, as the member would show it to the association's staff. */
async function memberCode(member: SignedMember) {
  return member.ok('inspectionQr', { query: { id: `${member.member.memberNo}-${year}` } })
}

/** 扫一扫 in the inbox (the scan screen, with the member's saved code), then the link to the member's inspection. */
async function scan(page: Page, code: { image: string }) {
  await scanSavedCode(page, code.image)
  await page.locator('#verify-open-inspection').click()
}

describe('staff 更正 of a decided inspection', () => {
  it('on a phone (375×812): scans the member, revokes the pass with a reason, and the code verifies as revoked', async () => {
    const zhang = await aMemberDecided('passed')
    const code = await memberCode(zhang)
    const phone = await signIn(env.browser, env.stack, (await aLocalStaff(env.stack.api, 'ZJ')).account)
    const { page } = phone
    await scan(page, code)
    const review = topPage(page)
    await review.getByText('该申请已办理：年检通过').waitFor()

    // The reason is mandatory: the shared schema says so under the field before anything is sent.
    await review.locator('#correction-open').tap()
    await review.locator('.correction__choice', { hasText: '撤销通过' }).tap()
    await review.locator('#correction-submit').tap()
    await review.getByText('请填写更正原因').waitFor()
    await review.locator('#correction-submit').scrollIntoViewIfNeeded()
    await phone.screenshot('inspection-correction-01-phone-reason-required')

    await review.locator('.correction__reason textarea').fill('经核查，学时证明材料与实际不符')
    await review.locator('#correction-submit').tap()
    await confirmModal(page, `确定撤销通过${zhang.member.name}的${year}年度年检申请（年检通过）吗？`)
    await review.locator('.inspection-info__status', { hasText: '年检通过已撤销' }).waitFor()
    await review.getByText('地方注协更正：撤销年检通过').waitFor()
    await expect.poll(() => review.locator('#correction-open').isVisible()).toBe(true)
    await toastGone(page)
    await phone.screenshot('inspection-correction-02-phone-revoked')

    const verified = await env.stack.api.ok('verify', { query: { t: code.token } })
    expect(verified.credential).toMatchObject({ year, result: '年检通过已撤销', inGoodStanding: false })
    const told = await zhang.ok('memberMessages')
    expect(told.items[0]!.title).toBe(`您的${year}年度年检通过已被撤销`)
    await page.close()
  })

  it('at a desk (1280×800): reopens a returned item, which goes back to the inbox', async () => {
    const li = await aMemberDecided('returned')
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    await agreedToPrivacyBefore(context)
    const page = await context.newPage()
    let captchaId = ''
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/v1/captcha') && response.status() === 200) captchaId = (await response.json()).captchaId
    })
    await page.goto(`${env.stack.webUrl}/`)
    await chooseUserType(page, '协会工作人员')
    await page.locator('.login__username input').fill(zjStaff.account.username)
    await page.locator('.login__password input').fill(zjStaff.account.password)
    await expect.poll(() => captchaId).not.toBe('')
    await page.locator('.login__captcha-input input').fill(await env.stack.api.captchaAnswer(captchaId))
    await page.locator('#login-submit').click()
    await page.locator('.inbox__scope').waitFor()

    await scan(page, await memberCode(li))
    const review = topPage(page)
    await review.getByText('该申请已办理：地方注协退回').waitFor()
    await shoot(page, 'inspection-correction-03-desk-review')
    await review.locator('#correction-open').click()
    // A returned item can only be reopened: the one choice is already made.
    await expect.poll(() => review.locator('.correction__choice').count()).toBe(1)
    await review.locator('.correction__reason textarea').fill('会员已线下补交学时证明，重新审核')
    await shoot(page, 'inspection-correction-04-desk-reopen')
    await review.locator('#correction-submit').click()
    await page.locator('.taro-modal__content', { hasText: '确定重新审核' }).waitFor()
    await page.locator('.taro-modal__foot').getByText('确定', { exact: true }).click()
    await review.locator('#decision-pass').waitFor()
    await review.getByText('地方注协更正：年检申请重新审核').waitFor()
    await toastGone(page)
    await shoot(page, 'inspection-correction-05-desk-reopened')

    const inbox = await zjStaff.ok('inboxItems', { params: { kind: 'inspection' } })
    expect(inbox.items.map((item) => item.id)).toContain(`${li.member.memberNo}-${year}`)
    await context.close()
  })
})

/**
 * Screenshots are taken once the 已更正 toast has gone. Taro shows it a moment after the call, and on
 * a slow machine it may have come and gone already: a toast not seen within 2 s is not waited for.
 */
async function toastGone(page: Page) {
  const toast = page.locator('.taro__toast', { hasText: '已更正' })
  await toast.waitFor({ timeout: 2_000 }).catch(() => undefined)
  await toast.waitFor({ state: 'hidden' })
}

async function shoot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.waitForFunction(() => [...document.querySelectorAll('.taro_page_show')].every((shown) => shown.classList.contains('taro_page_stationed')))
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
}
