import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { GetCommand } from '../../functions/adapters/dynamo-client'
import { dynamo, keys } from '../../functions/adapters/dynamo'
import { localOpenid } from '../../functions/adapters/wechat'
import { localOfficialAccountOpenid } from '../../functions/adapters/wechat-oauth'
import { config } from '../../functions/config'
import { browserStack, openPhone, typeInto, WECHAT_USER_AGENT } from '../support/browser'
import { aMember } from '../support/builders'

const env = browserStack()

/** How the reset screens show a phone number. */
const masked = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`

/** The tab of one verification method on the reset screen. */
const methodTab = (page: Page, label: string) => page.locator('.reset__methods').getByText(label, { exact: true })

/** The newest code in the local outbox, once the page's request has put it there. */
async function codeFromOutbox(channel: 'sms' | 'wechat', recipient: string): Promise<string> {
  let code = ''
  await expect
    .poll(
      async () => {
        const { body } = await env.stack.api.request('GET', `/api/v1/dev/outbox?channel=${channel}&recipient=${encodeURIComponent(recipient)}`)
        code = /\d{6}/.exec(body.messages[0]?.body ?? '')?.[0] ?? ''
        return code
      },
      { timeout: 10_000 },
    )
    .not.toBe('')
  return code
}

/** The H5 build's local WeChat stand-in user (Taro keeps storage as {"data": …}). */
async function useLocalWechatUser(page: Page, user: string) {
  await page.evaluate((value) => localStorage.setItem('cicpa.devWechatUser', JSON.stringify({ data: value })), user)
}

async function openReset(phone: Awaited<ReturnType<typeof openPhone>>) {
  await phone.page.goto(`${env.stack.webUrl}/`)
  await phone.page.locator('.login__forgot').tap()
  await phone.page.locator('.reset__member-no').waitFor()
}

async function enterMemberNumber(phone: Awaited<ReturnType<typeof openPhone>>, memberNo: string, cpa = false) {
  if (cpa) await phone.page.locator('.reset__type--cpa').tap()
  await typeInto(phone.page, 'reset__member-no', memberNo)
  await phone.page.locator('#reset-next').tap()
  await phone.page.locator('#reset-verify').waitFor()
}

async function setNewPassword(phone: Awaited<ReturnType<typeof openPhone>>, password: string, screenshot?: string) {
  const { page } = phone
  await page.locator('.reset__new-password').waitFor()
  await typeInto(page, 'reset__new-password', 'abcdefgh')
  await typeInto(page, 'reset__confirm', 'abcdefgh')
  await page.locator('#reset-submit').tap()
  await page.locator('.form-field__error', { hasText: '密码须同时包含字母和数字' }).waitFor()
  if (screenshot) await phone.screenshot(screenshot)
  await typeInto(page, 'reset__new-password', password)
  await typeInto(page, 'reset__confirm', `${password}x`)
  await page.locator('#reset-submit').tap()
  await page.locator('.form-field__error', { hasText: '两次输入的新密码不一致' }).waitFor()
  await typeInto(page, 'reset__confirm', password)
  await page.locator('#reset-submit').tap()
  await page.getByText('密码重置成功').waitFor()
}

describe('找回密码 (not bound yet)', () => {
  it('手机号验证 in a plain browser: masked phone, SMS code with a 60 s countdown, new password, no binding claimed, the official account to follow', async () => {
    const { member: li, account } = await aMember(env.stack.api, { record: { name: '李华' } })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openReset(phone)
    await phone.screenshot('reset-01-account')
    await enterMemberNumber(phone, li.memberNo)
    await page.getByText(masked(li.phone!)).waitFor()
    await phone.screenshot('reset-02-sms')

    await typeInto(page, 'reset__phone', '1395711')
    await page.locator('#reset-send-code').tap()
    await page.locator('.form-field__error', { hasText: '手机号码格式不正确' }).waitFor()
    await typeInto(page, 'reset__phone', li.phone!)
    await page.locator('#reset-send-code').tap()
    const code = await codeFromOutbox('sms', li.phone!)
    await expect.poll(() => page.locator('#reset-send-code').textContent(), { timeout: 10_000 }).toMatch(/\d+秒后重发/)
    await typeInto(page, 'reset__code', code === '000000' ? '111111' : '000000')
    await page.locator('#reset-verify').tap()
    await page.locator('.form-field__error', { hasText: '验证码错误，还可尝试4次' }).waitFor()
    await phone.screenshot('reset-03-sms-code-wrong')
    await typeInto(page, 'reset__code', code)
    await page.locator('#reset-verify').tap()

    await setNewPassword(phone, 'LiHua2026new', 'reset-04-password-policy')
    // No WeChat in a plain browser: nothing bound, nothing claimed, the official account's QR code to follow (seed 003, 1-1).
    await page.getByTestId('follow-official-account').getByRole('img').waitFor()
    await page.getByText('扫描上方二维码关注公众号', { exact: false }).waitFor()
    expect(await page.locator('.reset__done').getByText('已绑定', { exact: false }).count()).toBe(0)
    await phone.screenshot('reset-05-done')
    expect((await env.stack.api.login('non_practising', li.memberNo, 'LiHua2026new')).status).toBe(200)
    expect((await env.stack.api.login('non_practising', li.memberNo, account.password)).status).toBe(401)

    await page.locator('#reset-to-login').tap()
    await page.locator('#login-submit').waitFor()
    await page.close()
  })

  it('其他信息验证 for a practising CPA: name, ID number and 档案存放单位', async () => {
    const { member: chen } = await aMember(env.stack.api, {
      userType: 'cpa',
      association: 'SH',
      fee: '已确认',
      record: { name: '陈静', archiveUnit: '上海某某会计师事务所（特殊普通合伙）' },
    })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await openReset(phone)
    // An unknown number gets the same screen, with a stand-in masked phone.
    await enterMemberNumber(phone, '310000129999', true)
    // The stand-in may look bound to WeChat (then 微信验证 opens first): the phone tab is there either way.
    await methodTab(page, '手机号验证').tap()
    await expect.poll(() => page.locator('.reset__masked').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/)
    await page.locator('.reset__restart').tap()
    await typeInto(page, 'reset__member-no', '')
    await enterMemberNumber(phone, chen.memberNo)
    await expect.poll(() => page.locator('.reset__masked').textContent()).toBe(masked(chen.phone!))
    await methodTab(page, '其他信息验证').tap()
    await page.locator('.reset__name').waitFor()
    await typeInto(page, 'reset__name', chen.name)
    await typeInto(page, 'reset__id-number', chen.idNumber)
    await page.locator('.reset__proof--archiveUnit').tap()
    await typeInto(page, 'reset__proof-value', '别的事务所')
    await page.locator('#reset-verify').tap()
    await page.getByText('填写的信息与登记信息不一致，还可尝试4次').waitFor()
    await phone.screenshot('reset-06-identity-mismatch')
    await typeInto(page, 'reset__proof-value', chen.archiveUnit!)
    await page.locator('#reset-verify').tap()
    await setNewPassword(phone, 'ChenJing2026')
    await phone.screenshot('reset-07-identity-done')
    expect((await env.stack.api.login('cpa', chen.memberNo, 'ChenJing2026')).status).toBe(200)
    await page.close()
  })
})

describe("找回密码 from the official account (WeChat's browser)", () => {
  it('goes through web authorization after 验证身份 and binds that WeChat on reset', async () => {
    const { member: zhang } = await aMember(env.stack.api, { record: { name: '张晓明' } })
    const phone = await openPhone(env.browser, env.stack.api, { userAgent: WECHAT_USER_AGENT })
    const { page } = phone
    // The official account's 找回密码 menu opens the H5 page itself.
    await page.goto(`${env.stack.webUrl}/#/subpackages/reset/index/index`)
    await page.locator('.reset__member-no').waitFor()
    await enterMemberNumber(phone, zhang.memberNo)
    await methodTab(page, '手机号验证').tap()
    await typeInto(page, 'reset__phone', zhang.phone!)
    await page.locator('#reset-send-code').tap()
    await typeInto(page, 'reset__code', await codeFromOutbox('sms', zhang.phone!))
    await page.locator('#reset-verify').tap()

    // Locally a labelled page stands in for WeChat's silent snsapi_base authorization.
    await page.getByRole('heading', { name: '模拟微信网页授权（本地）' }).waitFor()
    const oaUser = `zhang-oa-${Date.now().toString(36)}`
    await page.getByLabel('本地微信用户').fill(oaUser)
    await phone.screenshot('reset-12-oa-authorize-simulated')
    await page.getByRole('button', { name: '确认授权并返回' }).click()

    await page.getByText('已取得当前微信的授权', { exact: false }).waitFor()
    // WeChat's code and state are gone from the address once used.
    expect(new URL(page.url()).search).toBe('')
    await setNewPassword(phone, 'Zhang2026oa')
    await page.getByText('已绑定当前微信', { exact: false }).waitFor()
    expect(await page.getByTestId('follow-official-account').count()).toBe(0)
    await phone.screenshot('reset-13-oa-bound')
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.accountOfficialAccount(`non_practising#${zhang.memberNo}`) }))
    expect(Item?.openid).toBe(localOfficialAccountOpenid(oaUser))
    await page.close()
  })
})

describe('找回密码 (WeChat bound) and WeChat login', () => {
  it('sends the code to the bound WeChat, resets, then logs in with WeChat and unbinds in 我的', async () => {
    const { member: wang } = await aMember(env.stack.api, { association: 'BJ', wechatUser: 'wangfang', record: { name: '王芳' } })
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/`)
    await useLocalWechatUser(page, 'wangfang')
    await openReset(phone)
    await enterMemberNumber(phone, wang.memberNo)
    await page.getByText('验证码将发送到您已绑定的').waitFor()
    await page.locator('#reset-send-code').tap()
    const code = await codeFromOutbox('wechat', localOpenid('wangfang'))
    await expect.poll(() => page.locator('#reset-send-code').textContent(), { timeout: 10_000 }).toMatch(/\d+秒后重发/)
    await phone.screenshot('reset-08-wechat-code')
    await typeInto(page, 'reset__code', code)
    await page.locator('#reset-verify').tap()
    await setNewPassword(phone, 'WangFang2026')
    await page.locator('#reset-to-login').tap()

    await page.locator('#wechat-login').waitFor()
    await phone.screenshot('reset-09-login-with-wechat')
    await page.locator('#wechat-login').tap()
    await page.getByText(`会员编号 ${wang.memberNo}`).waitFor()
    await page.getByText('我的', { exact: true }).tap()
    await page.getByText('已绑定 · 解除').waitFor()
    await phone.screenshot('reset-10-mine-bound')
    await page.locator('.wechat-binding').tap()
    await page.getByText('解除后将不能使用微信登录').waitFor()
    await page.locator('.taro-modal__foot').getByText('解除', { exact: true }).tap()
    await page.getByText('未绑定 · 去绑定').waitFor()
    await phone.screenshot('reset-11-mine-unbound')
    const refused = await env.stack.api.request('POST', '/api/v1/wechat/login', { body: { code: 'local:wangfang' } })
    expect(refused.status).toBe(401)

    await page.locator('.wechat-binding').tap()
    // Binding asks for the 验证码 and 审核结果 messages (the local simulation of WeChat's prompt).
    await page.locator('.taro-modal__content', { hasText: '“验证码通知”、“审核结果通知”' }).waitFor()
    await page.locator('.taro-modal__foot').getByText('允许', { exact: true }).tap()
    await page.getByText('已绑定 · 解除').waitFor()
    expect((await env.stack.api.request('POST', '/api/v1/wechat/login', { body: { code: 'local:wangfang' } })).status).toBe(200)
    await page.close()
  })
})
