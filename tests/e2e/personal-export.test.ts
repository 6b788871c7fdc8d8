import { describe, expect, it } from 'vitest'
import { browserStack, signIn, tab, topPage } from '../support/browser'
import { aMember } from '../support/builders'

const env = browserStack()

describe('我的 → 个人信息导出', () => {
  it('starts empty, generates the export, and lists it with its time, status and files', async () => {
    const member = await aMember(env.stack.api, { record: { name: '张晓明' }, hours: 12 })
    const phone = await signIn(env.browser, env.stack, member.account)
    const { page } = phone
    await tab(page, '我的').tap()
    await topPage(page).locator('.mine__personal-export').scrollIntoViewIfNeeded()
    await topPage(page).locator('.mine__personal-export').tap()
    await topPage(page).getByText('暂无导出记录').waitFor()
    await phone.screenshot('personal-export-01-empty')

    await topPage(page).locator('#personal-export-start').tap()
    const item = topPage(page).getByTestId('personal-export-item')
    await item.getByText('可下载').waitFor()
    await expect.poll(() => item.textContent()).toContain('PDF 摘要')
    await topPage(page)
      .getByText(/今天已导出，.+ 后可再次导出/)
      .waitFor()
    await phone.screenshot('personal-export-02-ready')
  })
})
