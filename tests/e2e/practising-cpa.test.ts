import { describe, expect, it } from 'vitest'
import { browserStack, signIn, tab, topPage } from '../support/browser'
import { aMember } from '../support/builders'

const env = browserStack()

describe('a practising CPA', () => {
  it('gets a home of their own: continuing education and self-service, no annual inspection', async () => {
    const chen = await aMember(env.stack.api, { userType: 'cpa', association: 'SH', fee: '已确认', record: { name: '陈静', region: '上海市' } })
    const phone = await signIn(env.browser, env.stack, chen.account)
    const { page } = phone
    const refused: string[] = []
    page.on('response', (response) => {
      if (response.status() === 403) refused.push(response.url())
    })
    await page.locator('.home--practising').waitFor()
    await page.getByText('陈静').waitFor()
    // 我的 is a tab of its own, under the entries.
    await expect.poll(() => page.locator('.home__entry').allTextContents()).toEqual(['在线学习', '学时查询', '找回密码', '联系方式'])
    await expect.poll(() => page.locator('.home__user-type').textContent()).toBe('注册会计师')
    await page.getByText('年检仅适用于非执业会员，注册会计师请通过所在会计师事务所向地方注协办理年检。').waitFor()
    expect(await page.locator('.home__entry--apply, .home__inspection, .home__bell').count()).toBe(0)
    expect(await page.getByText('学时 0/40').count()).toBe(0)
    await phone.screenshot('practising-cpa-01-home')

    await page.locator('.home__entry--hours').tap()
    await topPage(page).locator('.hours__summary').waitFor()
    await page.goBack()

    await page.locator('.home__entry--reset').tap()
    await expect.poll(() => topPage(page).locator('.reset__type--cpa').getAttribute('aria-checked')).toBe('true')
    await topPage(page).getByText('用户类型').waitFor()
    await phone.screenshot('practising-cpa-02-reset')
    await page.goBack()

    await tab(page, '我的').tap()
    await topPage(page).getByText('退出登录').waitFor()
    await expect.poll(() => topPage(page).locator('.mine__info').textContent()).toContain('注册会计师')
    expect(await topPage(page).locator('.mine__qr').count()).toBe(0)
    expect(refused).toEqual([])
    await page.close()
  })
})
