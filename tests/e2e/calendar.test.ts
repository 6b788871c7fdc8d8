import { describe, expect, it } from 'vitest'
import { browserStack, confirmModal, pickerConfirm, signIn as signInAs, topPage } from '../support/browser'
import { aLocalStaff, aMember, type SignedIn } from '../support/builders'
import { setClock } from '../support/calendar'

// This file's phones and server live in January 2027: members apply for 2026年度.
setClock('2027-01-15T10:00:00+08:00')
const env = browserStack()

/** A 浙江 member who could apply right now: 40 hours, no fee to pay, 完善信息 saved. */
const aReadyMember = () => aMember(env.stack.api, { hours: 40, fee: '免会费', info: true })
const signIn = (user: SignedIn) => signInAs(env.browser, env.stack, user.account)

describe('the inspection calendar on the phone', () => {
  it('shows 2026年度 in January 2027, with its hours, its window and the confirm question', async () => {
    const phone = await signIn(await aReadyMember())
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    const apply = topPage(page)
    await apply.locator('.apply__table').getByText('2026', { exact: true }).waitFor()
    await expect.poll(() => apply.locator('.apply__window').textContent()).toBe('2027-01-01 至 12-31')
    await apply.getByText('2026年度，每年40学时').waitFor()
    await phone.screenshot('calendar-01-apply-2026-in-january-2027')
    await apply.locator('.apply__accept').tap()
    await apply.locator('#inspection-apply').tap()
    await confirmModal(page, '确认要申请2026年度年检吗', '取消')
    await page.close()
  })

  it('lets staff set the window beside the notice, and members see when it opens', async () => {
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const staff = await signIn(zjStaff)
    await staff.page.locator('.inbox__notice').tap()
    const settings = topPage(staff.page)
    await expect.poll(() => settings.locator('.notice__opens').textContent()).toContain('2027-01-01')
    await settings.getByText('未设置时为次年1月1日至12月31日', { exact: false }).waitFor()
    // 2027年度 can be announced ahead: its defaults are picked and saved as this association's own.
    await settings.locator('.notice__window-year').getByText('2027年度').tap()
    await expect.poll(() => settings.locator('.notice__opens').textContent()).toContain('2028-01-01')
    await settings.locator('.notice__opens').tap()
    await pickerConfirm(staff.page).tap()
    await settings.locator('.notice__closes').tap()
    await pickerConfirm(staff.page).tap()
    await settings.locator('#notice-save').tap()
    await settings.getByText('已按本注协设置', { exact: false }).waitFor()
    await staff.page.getByText('已保存', { exact: true }).waitFor({ state: 'hidden' })
    await staff.screenshot('calendar-02-staff-window-settings')
    await staff.page.close()

    // 2026年度 opens on 1 March for 浙江: before then 年检申请 says so and cannot be sent.
    const current = await zjStaff.ok('inspectionNotice')
    await zjStaff.ok('saveInspectionNotice', {
      body: { notice: current.notice, version: current.version, windowYear: 2026, opensOn: '2027-03-01', closesOn: '2027-06-30' },
    })
    const phone = await signIn(await aReadyMember())
    await phone.page.locator('.home__entry--apply').tap()
    const apply = topPage(phone.page)
    await apply.locator('.apply__blocker', { hasText: '2026年度年检申请将于2027-03-01开始，届时再来申请' }).waitFor()
    await expect.poll(() => apply.locator('.apply__window').textContent()).toBe('2027-03-01 至 06-30')
    await expect.poll(() => apply.locator('#inspection-apply').getAttribute('aria-disabled')).toBe('true')
    await phone.screenshot('calendar-03-apply-window-not-open')
    await phone.page.close()
  })
})
