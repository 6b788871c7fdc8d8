import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserStack, launchBrowser, signIn, topPage } from '../support/browser'
import { aLocalStaff, aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { putInspection } from '../support/inspections'
import { cameraFilming, choosePhoto, photoWithoutCode, savedPhoto } from '../support/scan'

const env = browserStack()
const year = inspectionYear() - 1

/** A 浙江 member whose inspection of last year passed, and the code of that year as the member's phone shows it. */
async function aPassedMembersCode() {
  const built = await aMember(env.stack.api, { record: { name: '周敏' } })
  await putInspection(built.member, year, 'passed')
  return built.ok('inspectionQr', { query: { id: `${built.member.memberNo}-${year}` } })
}

async function zhejiangStaffOn(browser: Browser) {
  return signIn(browser, env.stack, (await aLocalStaff(env.stack.api, 'ZJ')).account)
}

/** The verification the scan led to, and the link staff follow to the member's inspection. */
async function expectVerificationOpensInspection(page: Page) {
  await page.getByText('二维码有效').waitFor()
  await page.locator('#verify-open-inspection').click()
  await topPage(page).getByText('该申请已办理：年检通过').waitFor()
}

describe('扫一扫 in a browser outside WeChat (375×812)', () => {
  it('on a computer without a camera: says so, refuses a photo without a code and opens the verification of a saved code', async () => {
    const qr = await aPassedMembersCode()
    const phone = await zhejiangStaffOn(env.browser)
    const { page } = phone
    await page.locator('#inbox-scan').tap()
    const unavailable = page.locator('.scan__unavailable')
    await unavailable.getByText('无法使用摄像头').waitFor()
    await unavailable.getByText('未找到可用的摄像头').waitFor()
    await unavailable.getByText('可以从相册选择二维码照片').waitFor()

    await choosePhoto(page, photoWithoutCode())
    await page.getByText('未在照片中识别到二维码，请换一张清晰、完整的二维码照片').waitFor()
    await phone.screenshot('scan-02-photo-without-code')

    await choosePhoto(page, savedPhoto(qr.image))
    await expectVerificationOpensInspection(page)
    await page.close()
  })

  it('closes with 取消 and stays in the inbox', async () => {
    const { page } = await zhejiangStaffOn(env.browser)
    await page.locator('#inbox-scan').tap()
    await page.locator('#scan-cancel').tap()
    await page.locator('.inbox__scope').waitFor()
    await expect.poll(() => page.locator('#scan-cancel').count()).toBe(0)
    expect(page.url()).toContain('/subpackages/staff/inbox/index')
    await page.close()
  })

  describe('on a phone with a camera', () => {
    let qr: Awaited<ReturnType<typeof aPassedMembersCode>>
    let cameraBrowser: Browser | undefined
    beforeAll(async () => {
      qr = await aPassedMembersCode()
      // Chromium's fake camera films the member's screen showing the code.
      cameraBrowser = await launchBrowser(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${cameraFilming(qr.image)}`])
    })
    afterAll(() => cameraBrowser?.close())

    it('reads the code from the live preview once the camera is allowed', async () => {
      const phone = await zhejiangStaffOn(cameraBrowser as Browser)
      await phone.page.context().grantPermissions(['camera'])
      await phone.page.locator('#inbox-scan').tap()
      await expectVerificationOpensInspection(phone.page)
      await phone.page.close()
    })

    it('says the camera was refused and offers the photo instead', async () => {
      const phone = await zhejiangStaffOn(cameraBrowser as Browser)
      const { page } = phone
      await page.locator('#inbox-scan').tap()
      const refusal = page.locator('.scan__unavailable')
      await refusal.getByText('摄像头权限被拒绝，可在浏览器设置中允许使用摄像头').waitFor()
      await refusal.getByText('可以从相册选择二维码照片').waitFor()
      await phone.screenshot('scan-01-camera-refused')
      await choosePhoto(page, savedPhoto(qr.image))
      await expectVerificationOpensInspection(page)
      await page.close()
    })
  })
})

describe('扫一扫 in the H5 page opened inside WeChat', () => {
  /** WeChat's browser says so in its user agent; the local server serves the labelled simulated JS-SDK. */
  async function insideWechat(page: Page) {
    const session = await page.context().newCDPSession(page)
    const userAgent = await page.evaluate(() => navigator.userAgent)
    await session.send('Emulation.setUserAgentOverride', { userAgent: `${userAgent} MicroMessenger/8.0.50.2701(0x28003237) NetType/WIFI Language/zh_CN` })
    await page.reload()
    await page.locator('#inbox-scan').waitFor()
  }

  it("configures the JS-SDK with the server's signature and opens what WeChat's scanner read", async () => {
    const qr = await aPassedMembersCode()
    const phone = await zhejiangStaffOn(env.browser)
    const { page } = phone
    await insideWechat(page)
    const checks: string[] = []
    page.on('response', async (response) => {
      if (response.url().endsWith('/api/v1/dev/wechat/jssdk-check')) checks.push((await response.json()).errMsg)
    })
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toBe('【本地模拟】微信扫一扫：请输入二维码内容')
      void dialog.accept(qr.url)
    })
    await page.locator('#inbox-scan').tap()
    await expectVerificationOpensInspection(page)
    expect(checks).toEqual(['config:ok'])
    await page.close()
  })

  it('says so when WeChat refuses the configuration, instead of doing nothing', async () => {
    const phone = await zhejiangStaffOn(env.browser)
    const { page } = phone
    await insideWechat(page)
    // A signature that is not the server's: WeChat (here its simulation) refuses wx.config.
    await page.route('**/api/v1/wechat/jssdk-config?**', async (route) => {
      const answer = await (await route.fetch()).json()
      await route.fulfill({ json: { ...answer, signature: '0'.repeat(40) } })
    })
    await page.locator('#inbox-scan').tap()
    await page.getByText('微信扫一扫暂不可用（config:invalid signature）').waitFor()
    await page.close()
  })

  it('signs only pages of this H5 build', async () => {
    const page = `${env.stack.webUrl}/?from=menu#/subpackages/staff/inbox/index`
    const config = await env.stack.api.ok('wechatJssdkConfig', { query: { url: page } })
    expect(config).toMatchObject({ appId: 'local-official-account', scriptUrl: '/dev/jweixin-simulated.js' })
    const refused = await env.stack.api.refused('wechatJssdkConfig', { query: { url: 'https://elsewhere.example.com/' } })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors).toEqual({ url: '页面地址不属于本系统，无法签名' })
  })
})
