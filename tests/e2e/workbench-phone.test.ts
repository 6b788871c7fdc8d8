import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { trailNode } from '../../shared/inspection'
import { inspectionYear } from '../support/calendar'
import { browserStack, confirmModal, signIn, topPage } from '../support/browser'
import { aLocalStaff, aMember, type SignedIn, type SignedMember } from '../support/builders'

const env = browserStack()

/** A page of 20 and a second page: each applicant costs a sign-in, so no more than that. */
const PENDING = 22
/** Two members whose name begins alike, for the name search; the others are numbered. */
const NAMES: Record<number, string> = { 7: '欧阳晓月', 8: '欧阳明' }

/** 浙江 members with everything in order, each with this 年检年度's application waiting. */
async function applicants(): Promise<SignedMember[]> {
  const members: SignedMember[] = []
  // A few at a time: the builders number members on the call, so names and numbers stay unique.
  for (let first = 0; first < PENDING; first += 6) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(6, PENDING - first) }, async (_, offset) => {
        const n = first + offset
        const member = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true, record: { name: NAMES[n] ?? `钱塘会员${n + 1}` } })
        await member.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })
        return member
      }),
    )
    members.push(...batch)
  }
  return members
}

const idOf = (member: SignedMember) => `${member.member.memberNo}-${inspectionYear()}`
const nameOf = (member: SignedMember) => member.member.name

async function decide(staff: SignedIn, member: SignedMember, decision: 'pass' | 'return') {
  const params = { id: idOf(member) }
  const { version } = await staff.ok('inspectionDetail', { params })
  await staff.ok('decideInspection', { params, body: { decision, opinion: decision === 'return' ? '请补充学时证明材料。' : '同意', version } })
}

const rows = (page: Page) => topPage(page).locator('.staff-list__item .staff-list__name')
const handledRows = (page: Page) => topPage(page).locator('.handled__item .handled__name')
/** The row of one person (exact name: 钱塘会员1 is not 钱塘会员12). */
const rowOf = (page: Page, list: 'staff-list' | 'handled', name: string) =>
  topPage(page)
    .locator(`.${list}__item`)
    .filter({ has: page.getByText(name, { exact: true }) })

async function search(page: Page, text: string) {
  const input = topPage(page).locator('.staff-list__search input')
  await input.fill(text)
  await input.press('Enter')
}

/** Opens a NutUI Menu's dropdown by its title and picks an option in it. */
async function pickMenu(page: Page, title: string, option: string) {
  await topPage(page).locator('.nut-menu-title', { hasText: title }).tap()
  await topPage(page)
    .locator('.nut-menu-container-item')
    .filter({ visible: true, has: page.getByText(option, { exact: true }) })
    .tap()
}

describe('the staff workbench on a phone', () => {
  it('pages, searches and filters the inbox, passes a batch with a change meanwhile, and lists it in 已办', async () => {
    const members = await applicants()
    const [returned, first, takenMeanwhile, third] = members as [SignedMember, SignedMember, SignedMember, SignedMember]
    const staff = await aLocalStaff(env.stack.api, 'ZJ')
    const colleague = await aLocalStaff(env.stack.api, 'ZJ')
    // One application went back and came in again: 退回后重新提交.
    await decide(colleague, returned, 'return')
    await returned.ok('submitInspection', { body: { year: inspectionYear(), commitmentAccepted: true } })

    const phone = await signIn(env.browser, env.stack, staff.account)
    const { page } = phone
    await expect.poll(() => page.locator('.inbox__category--inspection').textContent()).toContain(String(PENDING))
    await phone.screenshot('workbench-phone-01-inbox')

    // The first page, then the second once scrolled to the bottom.
    await page.locator('.inbox__category--inspection').tap()
    await expect.poll(() => rows(page).count()).toBe(20)
    await phone.screenshot('workbench-phone-02-list')
    await topPage(page).locator('.list-footer').scrollIntoViewIfNeeded()
    await expect.poll(() => rows(page).count()).toBe(PENDING)
    await topPage(page).getByText('没有更多了').waitFor()
    await phone.screenshot('workbench-phone-03-second-page')
    // Oldest first: the one sent in again is last.
    await expect.poll(async () => (await rows(page).allTextContents()).at(-1)).toBe(nameOf(returned))

    // 会员编号 by its beginning: the members numbered alike, and only they.
    const prefix = members[12]!.member.memberNo.slice(0, -1)
    await search(page, prefix)
    const numbered = members.filter((member) => member.member.memberNo.startsWith(prefix)).map(nameOf)
    await expect.poll(async () => (await rows(page).allTextContents()).sort()).toEqual(numbered.sort())
    await phone.screenshot('workbench-phone-04-search-number')
    // A name by its beginning.
    await search(page, '欧阳')
    await expect.poll(async () => (await rows(page).allTextContents()).sort()).toEqual(['欧阳明', '欧阳晓月'])
    await search(page, '诸葛')
    await topPage(page).getByText('没有符合条件的年检申请').waitFor()
    await phone.screenshot('workbench-phone-05-no-match')
    await topPage(page).getByText('清除筛选').tap()
    await expect.poll(() => rows(page).count()).toBe(20)

    // 状态 narrows the list to the application sent in again.
    await pickMenu(page, '全部状态', '退回后重新提交')
    await expect.poll(() => rows(page).allTextContents()).toEqual([nameOf(returned)])
    await phone.screenshot('workbench-phone-06-filter-state')
    await pickMenu(page, '退回后重新提交', '全部状态')
    await expect.poll(() => rows(page).count()).toBe(20)

    // Batch: three ticked; a colleague passes one of them before this staff member confirms.
    await topPage(page).locator('.staff-list__batch-toggle').tap()
    await expect.poll(() => topPage(page).locator('.staff-list__pass').getAttribute('aria-disabled')).toBe('true')
    await topPage(page).getByText('请先勾选要通过的事项').waitFor()
    for (const member of [first, takenMeanwhile, third]) await rowOf(page, 'staff-list', nameOf(member)).tap()
    await topPage(page).getByText('已选 3 项').waitFor()
    await phone.screenshot('workbench-phone-07-batch-selected')
    await decide(colleague, takenMeanwhile, 'pass')
    await topPage(page).locator('.staff-list__pass').tap()
    await confirmModal(page, '确定通过所选的 3 项年检申请吗', '通过')
    const sheet = topPage(page).locator('.staff-list__result-body')
    await sheet.getByText('已通过 2 项').waitFor()
    expect((await sheet.locator('.staff-list__result-passed').allTextContents()).sort()).toEqual([nameOf(first), nameOf(third)].sort())
    await expect.poll(() => sheet.locator('.staff-list__result-changed').textContent()).toContain(nameOf(takenMeanwhile))
    await phone.screenshot('workbench-phone-08-batch-result')
    await sheet.locator('.staff-list__result-ok').tap()
    // The three left the list.
    await topPage(page).locator('.list-footer').scrollIntoViewIfNeeded()
    await expect.poll(() => rows(page).count()).toBe(PENDING - 3)

    // 选择全部符合条件的项 counts the matches and shows the count before passing.
    await search(page, '欧阳')
    await expect.poll(() => rows(page).count()).toBe(2)
    await topPage(page).locator('.staff-list__batch-toggle').tap()
    await topPage(page).locator('.staff-list__select-all').tap()
    await topPage(page).getByText('已选全部符合条件的 2 项').waitFor()
    await topPage(page).locator('.staff-list__pass').tap()
    await confirmModal(page, '确定通过全部符合条件的 2 项年检申请吗', '取消')

    // 已办: what 浙江 decided this 年检年度, the batch among it; one opens with its trail.
    await page.goBack()
    await page.locator('.inbox__handled').tap()
    await expect
      .poll(async () => (await handledRows(page).allTextContents()).sort())
      .toEqual([nameOf(returned), nameOf(first), nameOf(takenMeanwhile), nameOf(third)].sort())
    await pickMenu(page, '全部结果', '通过')
    await expect.poll(async () => (await handledRows(page).allTextContents()).sort()).toEqual([nameOf(first), nameOf(takenMeanwhile), nameOf(third)].sort())
    await phone.screenshot('workbench-phone-09-handled')
    await rowOf(page, 'handled', nameOf(first)).tap()
    await topPage(page)
      .locator('.trail__node', { hasText: trailNode('inspection', 'pass') })
      .waitFor()
    await phone.screenshot('workbench-phone-10-handled-trail')

    // A category with nothing waiting opens too, says so and leads to 已办.
    await page.goBack()
    await page.goBack()
    await page.locator('.inbox__category--deferral').tap()
    await topPage(page).getByText('暂无待审批的暂缓年检').waitFor()
    await topPage(page).getByText('查看已办').waitFor()
    await phone.screenshot('workbench-phone-11-empty-category')
    await page.close()
  }, 240_000)
})
