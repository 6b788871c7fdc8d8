import { describe, expect, it } from 'vitest'
import { browserStack, signIn, topPage } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'

const env = browserStack()

describe('导出 Excel on a phone', () => {
  it('exports the members’ hours of the year, follows the progress and downloads the file', async () => {
    await aMember(env.stack.api, { association: 'JX', hours: 40 })
    await aMember(env.stack.api, { association: 'JX', hours: 12 })
    const staff = await aLocalStaff(env.stack.api, 'JX')
    const { page, screenshot } = await signIn(env.browser, env.stack, staff.account)

    await page.locator('.inbox__exports').tap()
    const screen = topPage(page)
    await screen.getByText('会员学时', { exact: true }).tap()
    await screen.getByText(`${inspectionYear()}年度`, { exact: true }).tap()
    await screen.locator('.nut-button', { hasText: '开始导出' }).tap()

    const current = screen.getByTestId('export-current')
    await current.getByText('已完成').waitFor()
    await expect.poll(() => current.getByTestId('export-progress').textContent()).toBe('已处理 2 / 2 行')
    await screen.locator('.exports__item').first().waitFor()
    await screenshot('workbench-exports-phone')

    const download = page.waitForEvent('download')
    await current.locator('.nut-button', { hasText: '下载' }).tap()
    expect((await download).suggestedFilename()).toMatch(new RegExp(`^江西省注册会计师协会_${inspectionYear()}年度会员学时_\\d{8}-\\d{4}\\.xlsx$`))
  })
})
