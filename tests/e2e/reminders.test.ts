import { describe, expect, it } from 'vitest'
import { runRemindersJob } from '../../functions/local/reminders'
import { browserStack, signIn, topPage } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'
import { learningYear, setClock } from '../support/calendar'

// The phones and server live on 17 and 18 December of the test year: the default window of the
// 年检年度 closes on the 31st, so the 17th is 14 days before.
const year = learningYear()
setClock(`${year}-12-17T08:00:00+08:00`)
const env = browserStack()

describe('reminders on the phone', () => {
  it('a member opens the morning’s reminder: what is owed, and the way to 年检申请', async () => {
    const member = await aMember(env.stack.api, { association: 'SC', hours: 28, fee: '去支付' })
    await runRemindersJob({ associations: ['SC'] })
    const [message] = (await member.ok('memberMessages')).items
    const phone = await signIn(env.browser, env.stack, member.account)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/#/subpackages/inspection/message/index?id=${message!.id}`)
    const shown = topPage(page)
    await shown.getByText(`${year - 1}年度年检申请即将截止`).waitFor()
    await shown.getByText('提醒内容').waitFor()
    await shown.getByText(`${year - 1}年度继续教育学时尚差12学时`, { exact: false }).waitFor()
    await phone.screenshot('reminders-01-member-message')
    await shown.locator('#message-apply').tap()
    await topPage(page).locator('.apply__table').waitFor()
    await page.close()
  })

  it('staff find yesterday’s new items summed up on their home', async () => {
    const applicant = await aMember(env.stack.api, { association: 'CQ', hours: 40, fee: '免会费', info: true })
    await applicant.ok('submitInspection', { body: { year: year - 1, commitmentAccepted: true } })
    setClock(`${year}-12-18T08:00:00+08:00`)
    await runRemindersJob({ associations: ['CQ'] })
    const staff = await aLocalStaff(env.stack.api, 'CQ')
    const phone = await signIn(env.browser, env.stack, staff.account)
    const digest = phone.page.locator('#inbox-digest')
    await expect.poll(() => digest.textContent()).toBe(`每日摘要：${year}-12-17 新增待审批 1 项年检申请 1`)
    await phone.screenshot('reminders-02-staff-digest')
    await phone.page.close()
  })
})
