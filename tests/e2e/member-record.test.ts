import { describe, expect, it } from 'vitest'
import { browserStack, pickerConfirm, signIn, topPage } from '../support/browser'
import { aMember, type SignedMember } from '../support/builders'
import { PDF, uploadTo } from '../support/files'

const env = browserStack()
/** A deferral needs only a proof: the member gets a year in 历年年检结果查询 whatever the hours and fee. */
async function deferralOf(member: SignedMember) {
  const { year } = await member.ok('inspectionOverview')
  const presigned = await member.ok('presignMaterial', { body: { purpose: 'deferral', fileName: '证明.pdf', size: 2048 } })
  await uploadTo(presigned, PDF())
  await member.ok('attachMaterial', { body: { purpose: 'deferral', fileName: '证明.pdf', key: presigned.key } })
  await member.ok('submitDeferral', { body: { year, commitmentAccepted: true, reason: '外派境外工作' } })
}

const rowValue = (page: Parameters<typeof topPage>[0], label: string) => topPage(page).getByTestId(`inspection-info:${label}`).textContent()

describe('the member record', () => {
  it('shows 民族, 出生日期, 政治面貌, 所在地区 and 户口所在地 in 年检信息, the ID number masked', async () => {
    const zhang = await aMember(env.stack.api, { record: { name: '张晓明', gender: '男', politicalStatus: '中共党员' } })
    await deferralOf(zhang)
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
      ['有效证件号码', `${zhang.member.idNumber.slice(0, 4)}**********${zhang.member.idNumber.slice(-4)}`],
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
    const li = await aMember(env.stack.api)
    const phone = await signIn(env.browser, env.stack, li.account)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.getByText('未完善，请先填写 ›').tap()
    await expect.poll(() => page.locator('.info__input--mobile input').inputValue()).toBe(li.member.phone)
    await expect.poll(() => page.locator('.info__input--email input').inputValue()).toBe(li.member.email)
    expect(await page.locator('.info__input--address input').inputValue()).toBe('')
    await phone.screenshot('member-record-02-info-prefilled')
    await page.locator('.info__tab--work').tap()
    await expect.poll(() => page.locator('.info__input--workUnit input').inputValue()).toBe(li.member.workUnit)
    await page.locator('.info__tab--education').tap()
    await expect.poll(() => page.locator('.info__chip--on').allTextContents()).toEqual(['大学本科'])
    await page.locator('.info__graduation').tap()
    await pickerConfirm(page).waitFor()
    await phone.screenshot('member-record-03-graduation-picker')
    await pickerConfirm(page).tap()
    await expect.poll(() => page.locator('.info__graduation').textContent()).toMatch(/^\d{4}-\d{2}›?$/)
    await phone.screenshot('member-record-04-info-education')
    await page.close()
  })
})
