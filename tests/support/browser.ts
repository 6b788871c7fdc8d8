import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { ROOT } from '../../scripts/local-settings'
import { clock } from '../../functions/adapters/clock'
import type { DemoAccount } from '../../functions/local/demo-data'
import { PRIVACY_CONSENT_KEY, PRIVACY_GUIDE_VERSION } from '../../shared/privacy-guide'
import { USER_TYPE_LABELS } from '../../shared/roles'
import type { ApiClient } from './api-client'
import { startTestStack } from './stack'

export const SCREENSHOT_DIR = `${ROOT}/test-results/screens`

/** What WeChat's built-in browser on an iPhone sends: `MicroMessenger` is what pages look for. */
export const WECHAT_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN'

/** Chromium as the tests drive it; `extraArgs` for a test that needs more (a fake camera). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  })
}

/** The person using this browser agreed to the current privacy guide on an earlier visit. */
export async function agreedToPrivacyBefore(context: BrowserContext) {
  // Taro keeps storage as {"data": …}; an agreement stored by the page itself is left alone.
  await context.addInitScript(
    ({ key, version }) => {
      if (location.protocol.startsWith('http') && localStorage.getItem(key) === null) localStorage.setItem(key, JSON.stringify({ data: version }))
    },
    { key: PRIVACY_CONSENT_KEY, version: PRIVACY_GUIDE_VERSION },
  )
}

/**
 * A phone in China (375×812, touch, zh-CN, China time) whose captcha answers the test can look up in
 * the local outbox. Its member agreed to the privacy guide before (tests/e2e/privacy.test.ts opens
 * one with `privacyAgreed: false` to go through the popup).
 */
export async function openPhone(browser: Browser, api: ApiClient, options: { privacyAgreed?: boolean; userAgent?: string; desk?: boolean } = {}) {
  const context = await browser.newContext({
    // WECHAT_USER_AGENT makes it WeChat's own browser (the H5 pages opened from the official account).
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    // `desk`: a PC's browser (1280×800, mouse) instead of the phone.
    ...(options.desk
      ? { viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false, deviceScaleFactor: 1 }
      : { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  // The phone lives on the server's day (tests may set it), running on from there.
  await context.clock.install({ time: clock.now() })
  if (options.privacyAgreed !== false) await agreedToPrivacyBefore(context)
  const page = await context.newPage()
  let latestCaptchaId = ''
  page.on('response', async (response) => {
    if (!response.url().endsWith('/api/v1/captcha') || response.status() !== 200) return
    const body = await response.json().catch(() => null)
    if (body) latestCaptchaId = body.captchaId
  })
  const phone = {
    page,
    async currentCaptchaAnswer(): Promise<string> {
      await page.waitForFunction(() => document.querySelector('.login__captcha-image') !== null)
      await expectSoon(() => latestCaptchaId !== '')
      return api.captchaAnswer(latestCaptchaId)
    },
    /** Waits for a fresh captcha after the page refreshed it (each one is single-use). */
    async nextCaptchaAnswer(previousAnswer: string): Promise<string> {
      let answer = previousAnswer
      await expectSoon(async () => {
        answer = await phone.currentCaptchaAnswer()
        return answer !== previousAnswer
      })
      return answer
    },
    async screenshot(name: string) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true })
      await settled(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
    },
  }
  return phone
}

async function expectSoon(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Waits until what the phone shows has stopped moving, however slowly the machine gets there: the
 * page on top has slid in (Taro H5 keeps earlier pages beside it), every finite transition has
 * ended (a progress bar caught mid-way shows a finished course at 60%), and Taro's modal and toast
 * have faded in or out (they start their fade from a timer, so no transition may be running yet).
 * Endless animations (skeletons, spinners) never end and are not waited for.
 */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const pagesStationed = [...document.querySelectorAll('.taro_page_show')].every((shown) => shown.classList.contains('taro_page_stationed'))
    const fadesDone = [...document.querySelectorAll<HTMLElement>('.taro__modal, .taro__toast')].every(
      (layer) => layer.style.display === 'none' || layer.style.opacity === '1',
    )
    const transitionsDone = document.getAnimations().every((animation) => animation.effect?.getTiming().iterations === Infinity)
    return pagesStationed && fadesDone && transitionsDone
  })
}

/** Types into a NutUI Input (Taro renders a real <input> inside it on H5). */
export async function typeInto(page: Page, className: string, text: string) {
  const input = page.locator(`.${className} input`)
  await input.fill(text)
}

export type Phone = Awaited<ReturnType<typeof openPhone>>

/** Picks the user type on the login screen by its label. */
export async function chooseUserType(page: Page, label: string) {
  // A click, not a tap: desk browsers have no touch.
  await page.locator('.login__types').getByText(label, { exact: true }).click()
}

/** Confirms the picker that is open (the pickers of a page stay in the DOM, hidden, once opened). */
export const pickerConfirm = (page: Page) => page.getByText('确认', { exact: true }).filter({ visible: true }).last()

/** Signs a demo account in on a fresh phone and waits for its first screen (member home or staff inbox). */
export async function signIn(
  browser: Browser,
  stack: { api: ApiClient; webUrl?: string },
  account: DemoAccount,
  options: { userAgent?: string; desk?: boolean } = {},
): Promise<Phone> {
  const phone = await openPhone(browser, stack.api, options)
  const { page } = phone
  await page.goto(`${stack.webUrl}/`)
  if (account.userType !== 'non_practising') await chooseUserType(page, USER_TYPE_LABELS[account.userType])
  await typeInto(page, 'login__username', account.username)
  await typeInto(page, 'login__password', account.password)
  await typeInto(page, 'login__captcha-input', await phone.currentCaptchaAnswer())
  const submit = page.locator('#login-submit')
  await (options.desk ? submit.click() : submit.tap())
  await page.locator(account.role === 'member' ? '.home__entries' : '.inbox__scope').waitFor()
  return phone
}

/** Answers a Taro modal (Taro.showModal) that says `text`. */
export async function confirmModal(page: Page, text: string, button = '确定') {
  await page.locator('.taro-modal__content', { hasText: text }).waitFor()
  await page.locator('.taro-modal__foot').getByText(button, { exact: true }).tap()
}

/**
 * A browser test file's own stack (with the H5 build served) and browser, started before its tests
 * and stopped after them; read `env.stack` / `env.browser` inside the tests.
 */
export function browserStack() {
  const env = {} as { stack: Awaited<ReturnType<typeof startTestStack>>; browser: Browser }
  beforeAll(async () => {
    env.stack = await startTestStack({ web: true })
    env.browser = await launchBrowser()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.stack?.stop()
  })
  return env
}

/** Taro H5 keeps earlier pages of the stack in the DOM; the one on top is the last. */
export const topPage = (page: Page) => page.locator('.taro_page').last()

/** The H5 title bar's text (Taro's router draws the bar outside the pages). */
export const titleBar = (page: Page) => page.locator('#taro-navigation-bar .taro-navigation-bar-title')

/** The title bar's back button, shown only while there is a page to go back to. */
export const backButton = (page: Page) => page.locator('#taro-navigation-bar').getByRole('button', { name: '返回', exact: true })

/** A tab of the bottom bar (members 首页 / 我的, staff 待办 / 我的). */
export const tab = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true })
