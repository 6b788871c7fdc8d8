import { describe, expect, it } from 'vitest'
import { DEMO_MEMBERS, type DemoAccount } from '../../functions/local/demo-data'
import { browserStack, signIn, topPage } from '../support/browser'
import { PDF, uploadTo } from '../support/files'

const env = browserStack()
const zhang = DEMO_MEMBERS[0]!
const li = DEMO_MEMBERS[1]!

/** A deferral needs only a proof: 张晓明 gets a year in 历年年检结果查询 whatever his hours and fee. */
async function deferralOf(account: DemoAccount) {
  const token = await env.stack.api.token(account.userType, account.username, account.password)
  const call = (method: string, path: string, body?: unknown) => env.stack.api.request(method, path, { token, body })
  const { body: overview } = await call('GET', '/api/v1/inspection/overview')
  const presigned = await call('POST', '/api/v1/inspection/materials/uploads', { purpose: 'deferral', fileName: '证明.pdf', size: 2048 })
  await uploadTo(presigned.body, PDF())
  await call('POST', '/api/v1/inspection/materials', { purpose: 'deferral', fileName: '证明.pdf', key: presigned.body.key })
  const applied = await call('POST', '/api/v1/inspection/deferrals', { year: overview.year, commitmentAccepted: true, reason: '外派境外工作' })
  expect(applied.status, JSON.stringify(applied.body)).toBe(200)
}

const rowValue = (page: Parameters<typeof topPage>[0], label: string) =>
  topPage(page).locator('.nut-cell', { has: page.locator('.nut-cell-title', { hasText: new RegExp(`^${label}$`) }) }).locator('.inspection-info__value').textContent()

describe('the member record', () => {
  it('shows 民族, 出生日期, 政治面貌, 所在地区 and 户口所在地 in 年检信息, the ID number masked', async () => {
    await deferralOf(zhang.account)
    const phone = await signIn(env.browser, env.stack, zhang.account)
    const { page } = phone
    await page.locator('.home__entry--history').tap()
    await topPage(page).locator('.history__item-year').first().tap()
    await topPage(page).getByText('户口所在地').waitFor()
    const expected: [string, string][] = [
      ['姓名', '张晓明'],
      ['民族', '汉族'],
      ['性别', '男'],
      ['出生日期', '1990-01-01'],
      ['证件类型', '居民身份证'],
      ['有效证件号码', '3301**********2312'],
      ['政治面貌', '中共党员'],
      ['所在地区', '浙江省'],
      ['户口所在地', '浙江省杭州市西湖区'],
    ]
    for (const [label, value] of expected) await expect.poll(() => rowValue(page, label), { message: label }).toBe(value)
    await topPage(page).getByText('基本信息').scrollIntoViewIfNeeded()
    await phone.screenshot('member-record-01-inspection-info')
    await page.close()
  })

  it('opens 完善信息 with the phone, email, work unit and 学历 already known, and picks 毕业时间 from a date picker', async () => {
    const phone = await signIn(env.browser, env.stack, li.account)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.getByText('未完善，请先填写 ›').tap()
    await expect.poll(() => page.locator('.info__input--mobile input').inputValue()).toBe(li.phone)
    await expect.poll(() => page.locator('.info__input--email input').inputValue()).toBe(li.email)
    expect(await page.locator('.info__input--address input').inputValue()).toBe('')
    await phone.screenshot('member-record-02-info-prefilled')
    await page.locator('.info__tab--work').tap()
    await expect.poll(() => page.locator('.info__input--workUnit input').inputValue()).toBe(li.workUnit)
    await page.locator('.info__tab--education').tap()
    await expect.poll(() => page.locator('.info__chip--on').allTextContents()).toEqual(['大学本科'])
    await page.locator('.info__graduation').tap()
    await page.locator('.nut-picker-confirm-btn').last().waitFor()
    await page.waitForTimeout(400)
    await phone.screenshot('member-record-03-graduation-picker')
    await page.locator('.nut-picker-confirm-btn').last().tap()
    await expect.poll(() => page.locator('.info__graduation').textContent()).toMatch(/^\d{4}-\d{2}›?$/)
    await phone.screenshot('member-record-04-info-education')
    await page.close()
  })
})
