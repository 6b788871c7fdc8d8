import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { formatChinaTime } from '../../shared/china-time'
import { browserStack, signIn as signInAs, topPage } from '../support/browser'
import { aLocalStaff, aMember, type SignedIn, type SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { putInspection } from '../support/inspections'

const env = browserStack()
const signIn = (user: SignedIn, options: { desk?: boolean } = {}) => signInAs(env.browser, env.stack, user.account, options)
const open = (page: Page, path: string) => page.goto(`${env.stack.webUrl}/#/${path}`)

/** A 浙江 member who may apply now: hours met, no fee to pay, 完善信息 saved. */
const aReadyMember = () => aMember(env.stack.api, { hours: 40, fee: '免会费', info: true })

interface Line {
  text: string
  /** Space left and right of the line inside the element's box. */
  leftGap: number
  rightGap: number
}

/** The lines the element's text is laid out in, as a reader sees them (each character's box, grouped by row). */
function linesOf(locator: Locator): Promise<Line[]> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect()
    const rows: { top: number; text: string; left: number; right: number }[] = []
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      for (let index = 0; index < text.length; index++) {
        const range = document.createRange()
        range.setStart(node, index)
        range.setEnd(node, index + 1)
        const rect = range.getClientRects()[0]
        if (!rect || rect.width === 0) continue
        const row = rows.find((candidate) => Math.abs(candidate.top - rect.top) < rect.height / 2)
        if (row) {
          row.text += text[index]
          row.left = Math.min(row.left, rect.left)
          row.right = Math.max(row.right, rect.right)
        } else rows.push({ top: rect.top, text: text[index]!, left: rect.left, right: rect.right })
      }
    }
    return rows.map((row) => ({ text: row.text.trim(), leftGap: row.left - box.left, rightGap: box.right - row.right }))
  })
}

/** Every label of the page is laid out on one line. */
async function expectLabelsOnOneLine(page: Locator, selector: string) {
  const labels = await page.locator(selector).all()
  expect(labels.length).toBeGreaterThan(0)
  for (const label of labels) expect((await linesOf(label)).map((line) => line.text)).toHaveLength(1)
}

const LONG_NOTICE = [
  '浙江注协提示：年检结果将于30个工作日内在协会网站公布，请留意短信和小程序消息。',
  '如需补交材料，请在收到退回通知后5个工作日内重新提交。',
  '咨询电话：0571-85800000（工作日9:00—17:00）。',
  '地址：杭州市西湖区某某路1号浙江省注册会计师协会。',
  '感谢您对协会工作的支持。',
].join('\n')

/** The notice editor: a real multi-line field in the page's own font that shows the whole notice, labels on one line. */
async function checkNoticeEditor(staff: Awaited<ReturnType<typeof signIn>>, screenshot: string) {
  const { page } = staff
  await open(page, 'subpackages/staff/inspection/notice/index')
  const settings = topPage(page)
  const editor = settings.locator('.notice__input textarea')
  await expect.poll(() => editor.inputValue()).not.toBe('')
  await editor.fill(LONG_NOTICE)
  const look = () =>
    editor.evaluate((textarea: HTMLTextAreaElement) => ({
      font: getComputedStyle(textarea).fontFamily,
      pageFont: getComputedStyle(document.body).fontFamily,
      hidden: textarea.scrollHeight - textarea.clientHeight,
      scrolledAway: textarea.scrollTop,
    }))
  // It grows to the text: nothing is cut off or scrolled out of view.
  await expect.poll(async () => (await look()).hidden).toBeLessThanOrEqual(1)
  const shown = await look()
  expect(shown.font).not.toContain('monospace')
  expect(shown.font).toBe(shown.pageFont)
  expect(shown.scrolledAway).toBe(0)
  await expectLabelsOnOneLine(settings, '.form-field__label, .nut-cell-title')
  // The preview keeps the lines as written, as the member's success page shows them.
  const preview = settings.locator('.notice__preview-text')
  await preview.getByText('感谢您对协会工作的支持。', { exact: false }).waitFor()
  const rows = (await linesOf(preview)).map((line) => line.text)
  for (const written of LONG_NOTICE.split('\n')) expect(rows.some((row) => row.startsWith(written.slice(0, 6)))).toBe(true)
  await staff.screenshot(screenshot)
}

describe('staff notice settings (年检设置)', () => {
  it('edits a long notice in a growing field on a phone and at a desk, and closes the upload section members then no longer see', async () => {
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const desk = await signIn(zjStaff, { desk: true })
    await checkNoticeEditor(desk, 'details-01-notice-editor-desk')
    await desk.page.close()

    const phone = await signIn(zjStaff)
    await checkNoticeEditor(phone, 'details-02-notice-editor-phone')
    const settings = topPage(phone.page)
    const inspectionUploads = settings.getByRole('switch', { name: '年检申请上传材料' })
    await expect.poll(() => inspectionUploads.getAttribute('aria-checked')).toBe('true')
    await inspectionUploads.tap()
    await expect.poll(() => inspectionUploads.getAttribute('aria-checked')).toBe('false')
    await settings.locator('#notice-save').tap()
    await expect.poll(async () => (await zjStaff.ok('inspectionNotice')).uploads).toEqual({ inspection: false, deferral: true })
    expect((await zjStaff.ok('inspectionNotice')).notice).toBe(LONG_NOTICE)
    await phone.page.getByText('已保存', { exact: true }).waitFor({ state: 'hidden' })
    await phone.screenshot('details-03-notice-uploads-closed')
    await phone.page.close()

    // The member's 年检申请 has no 上传材料 any more; the deferral still asks for its proofs.
    const member = await signIn(await aReadyMember())
    const { page } = member
    await page.locator('.home__entry--apply').tap()
    const apply = topPage(page)
    await apply.locator('.apply__table').getByText(`${inspectionYear()}`, { exact: true }).waitFor()
    await apply.getByText('承诺书', { exact: true }).waitFor()
    expect(await apply.getByText('上传材料', { exact: true }).count()).toBe(0)
    await member.screenshot('details-04-apply-without-uploads')
    await page.close()
  })
})

describe('the 年检 flow', () => {
  it('shows 完善信息 → 年检申请 → 完成, and the deferral form under the 年检信息 table', async () => {
    const member = await signIn(await aReadyMember())
    const { page } = member
    await page.locator('.home__entry--apply').tap()
    const apply = topPage(page)
    const steps = apply.getByRole('list', { name: '年检申请步骤' })
    await expect.poll(() => steps.getByRole('listitem').allTextContents()).toEqual(['✓完善信息', '2年检申请', '3完成'])
    await expect.poll(() => steps.locator('[aria-current="step"]').textContent()).toBe('2年检申请')
    await member.screenshot('details-05-apply-steps')

    await apply.locator('#inspection-defer').tap()
    const deferral = topPage(page)
    await deferral.locator('.deferral__accept').tap()
    await deferral.locator('#deferral-confirm').tap()
    const table = deferral.locator('.apply__table')
    await table.getByText('年检年度', { exact: true }).waitFor()
    await expect.poll(() => table.getByText(`${inspectionYear()}`, { exact: true }).isVisible()).toBe(true)
    await expect.poll(() => table.locator('.apply__fee').textContent()).toBe('免会费')
    await deferral.getByText('暂缓证明材料 *', { exact: true }).waitFor()
    await expect.poll(() => deferral.locator('[aria-current="step"]').textContent()).toBe('2年检申请')
    await member.screenshot('details-06-deferral-with-table')
    await page.close()
  })
})

/** 张晓明's application, sent back by 浙江注协 with `reason`. */
async function aReturnedMember(reason: string): Promise<SignedMember> {
  const member = await aReadyMember()
  const staff = await aLocalStaff(env.stack.api, 'ZJ')
  const { application } = await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
  const params = { id: application.id }
  const { version } = await staff.ok('inspectionDetail', { params })
  await staff.ok('decideInspection', { params, body: { decision: 'return', opinion: reason, version } })
  return member
}

describe('🔔 on the home page (seed 003, 2.1.5)', () => {
  it('first shows the latest reason, then 更多 opens the message list, with times written one way', async () => {
    const reason = '请补充上传2026年度继续教育学时证明。'
    const returned = await aReturnedMember(reason)
    const [message] = (await returned.ok('memberMessages')).items
    const member = await signIn(returned)
    const { page } = member
    const bell = page.getByRole('button', { name: '消息，1条未读' })
    await bell.tap()
    const sheet = page.locator('.latest-message')
    await sheet.getByText(`：${reason}`, { exact: false }).waitFor()
    await expect.poll(() => sheet.getByText(formatChinaTime(message!.at), { exact: false }).isVisible()).toBe(true)
    await member.screenshot('details-07-bell-latest-reason')
    // Read in full there, it no longer counts as unread.
    await page.getByRole('button', { name: '消息，0条未读' }).waitFor()

    await sheet.locator('#latest-message-more').tap()
    const list = topPage(page)
    await list.locator('.messages__item').first().waitFor()
    await expect.poll(() => list.locator('.messages__item .muted').first().textContent()).toMatch(/ · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await member.screenshot('details-08-bell-more-list')
    await page.close()
  })
})

describe('layout details', () => {
  it('wraps the empty 年检二维码 text into even, centred lines, with no character alone', async () => {
    const member = await signIn(await aMember(env.stack.api))
    await open(member.page, 'subpackages/credential/qr/index')
    const description = topPage(member.page).locator('.nut-empty-description')
    await description.getByText('提交年检申请后即可查看年检二维码', { exact: false }).waitFor()
    const lines = await linesOf(description)
    // It breaks after the phrase, not inside a word.
    expect(lines.map((line) => line.text)).toEqual(['暂无年检记录：', '提交年检申请后即可查看年检二维码'])
    for (const line of lines) expect(Math.abs(line.leftGap - line.rightGap)).toBeLessThan(3)
    await member.screenshot('details-09-qr-empty')
    await member.page.close()
  })

  it('centres the admission success subtitle under its title', async () => {
    const member = await signIn(await aMember(env.stack.api))
    await open(member.page, 'subpackages/admission/success/index?businessNo=RH20261201123456')
    const description = topPage(member.page).locator('.nut-resultpage-description')
    await description.getByText('请等待地方注协审核', { exact: false }).waitFor()
    const lines = await linesOf(description)
    expect(lines.map((line) => line.text)).toEqual(['请等待地方注协审核，', '审核通过后由中注协确认'])
    for (const line of lines) expect(Math.abs(line.leftGap - line.rightGap)).toBeLessThan(3)
    await member.screenshot('details-10-admission-success')
    await member.page.close()
  })

  it('writes dates on the verification page as everywhere else (2026-11-30 16:25)', async () => {
    const zhang = await aMember(env.stack.api)
    await putInspection(zhang.member, inspectionYear() - 1, 'passed')
    const { url } = await zhang.ok('inspectionQr')
    const verifier = await signIn(await aMember(env.stack.api))
    await verifier.page.goto(url)
    const checked = topPage(verifier.page).locator('.verify__row', { hasText: '核验时间' }).locator('.verify__row-value')
    await expect.poll(() => checked.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await verifier.screenshot('details-11-verify-date')
    await verifier.page.close()
  })

  it('lines the 广东省各市 contacts up with the cards above', async () => {
    const member = await signIn(await aMember(env.stack.api))
    const { page } = member
    await open(page, 'pages/contacts/index')
    const contacts = topPage(page)
    await contacts.getByText('广东省各市注协联系方式', { exact: true }).tap()
    const city = contacts.locator('.contacts__city').nth(1)
    await city.getByText('广州', { exact: true }).waitFor()
    const left = (locator: Locator) => locator.evaluate((element) => Math.round(element.getBoundingClientRect().left))
    const cardName = contacts.locator('.contacts__item .contacts__name').first()
    const cardPhone = contacts.locator('.contacts__item .contacts__phones').first()
    // The collapse's title and city names start where the cards' names do; phones where theirs do.
    expect(await left(contacts.locator('.contacts__guangdong .nut-collapse-item-title'))).toBe(await left(cardName))
    expect(await left(city.locator('.contacts__city-name'))).toBe(await left(cardName))
    expect(await left(city.locator('.contacts__city-detail'))).toBe(await left(cardPhone))
    await city.scrollIntoViewIfNeeded()
    await member.screenshot('details-12-contacts-guangdong')
    await page.close()
  })
})
