import { GetCommand } from '../../functions/adapters/dynamo-client'
import { describe, expect, it } from 'vitest'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { localOpenid } from '../../functions/adapters/wechat'
import { config } from '../../functions/config'
import { inspectionYear } from '../support/calendar'
import { browserStack, confirmModal, signIn } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'

const env = browserStack()

async function decisionCredits(accountId: string): Promise<number> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: config.tableName, Key: keys.subscriptionCredit(accountId, 'decision'), ConsistentRead: true }),
  )
  return Number(Item?.credits ?? 0)
}

describe('订阅消息 at 年检 submission', () => {
  it('asks a bound member to allow the 审核结果 message, records 允许, and the decision arrives in WeChat', async () => {
    const wechatUser = `sub-e2e-${Date.now()}`
    const member = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true, wechatUser })
    const accountId = `non_practising#${member.member.memberNo}`
    const before = await decisionCredits(accountId)

    const phone = await signIn(env.browser, env.stack, member.account)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.locator('.apply__accept').tap()
    await expect.poll(() => page.locator('#inspection-apply').getAttribute('aria-disabled')).toBe('false')
    await page.locator('#inspection-apply').tap()
    await confirmModal(page, `确认要申请${inspectionYear()}年度年检吗`)

    const prompt = page.locator('.taro-modal__content', { hasText: '申请向你发送以下消息' })
    await prompt.waitFor()
    await expect.poll(() => page.locator('.taro-modal__title').textContent()).toBe('本地模拟：微信订阅消息')
    await expect.poll(() => prompt.textContent()).toContain('“审核结果通知”')
    await phone.screenshot('subscription-01-prompt-at-inspection')
    await page.locator('.taro-modal__foot').getByText('允许', { exact: true }).tap()
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()
    await expect.poll(() => decisionCredits(accountId)).toBe(before + 1)

    const staff = await aLocalStaff(env.stack.api, 'ZJ')
    const params = { id: `${member.member.memberNo}-${inspectionYear()}` }
    const { version } = await staff.ok('inspectionDetail', { params })
    await staff.ok('decideInspection', { params, body: { decision: 'pass', opinion: '', version } })
    const { messages } = await env.stack.api.ok('devOutbox', { query: { channel: 'wechat', recipient: localOpenid(wechatUser) } })
    expect(messages.map((message) => message.body)).toEqual([expect.stringContaining(`审核事项：${inspectionYear()}年度年检申请；审核结果：已通过`)])
    await page.close()
  })

  it('records 取消 as nothing, and the submission goes on', async () => {
    const member = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true, wechatUser: `sub-e2e-no-${Date.now()}` })
    const accountId = `non_practising#${member.member.memberNo}`
    const before = await decisionCredits(accountId)
    const phone = await signIn(env.browser, env.stack, member.account)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.locator('.apply__accept').tap()
    await page.locator('#inspection-apply').tap()
    await confirmModal(page, `确认要申请${inspectionYear()}年度年检吗`)
    await confirmModal(page, '申请向你发送以下消息', '取消')
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()
    expect(await decisionCredits(accountId)).toBe(before)
    await page.close()
  })
})
