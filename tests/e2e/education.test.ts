import { randomUUID } from 'node:crypto'
import { inspectionYear, learningYear } from '../support/calendar'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoCatalogues } from '../../functions/local/demo-courses'
import { signedImportHeaders } from '../../functions/usecases/education-import'
import type { InstituteCode } from '../../shared/education'
import { browserStack, confirmModal, type Phone, pickerConfirm, signIn as signInAs, topPage, typeInto } from '../support/browser'
import { aLocalStaff, aMember, anArticleClaim, anEnrolment, type SignedIn, theDemoCourses } from '../support/builders'

const env = browserStack()
// Runs after browserStack's own beforeAll: the file's table exists by then.
beforeAll(theDemoCourses)

/** 周宁 of 浙江: no institute chosen yet, no learning fee paid, no hours. */
const aZhou = () => aMember(env.stack.api, { fee: '免会费', record: { name: '周宁' } })
/** 孙磊: 36 of the 40 hours, fee confirmed and 完善信息 saved, so only hours stand between him and the inspection. */
const aSun = () => aMember(env.stack.api, { hours: 36, fee: '已确认', info: true, record: { name: '孙磊' } })

const top = topPage

const signIn = (user: SignedIn) => signInAs(env.browser, env.stack, user.account)

const pdf = (size = 4096) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size)])

/** Picks a file in the system file chooser the upload button opens. */
async function uploadFile(page: Page, button: string, name: string, content: Buffer) {
  const chooser = page.waitForEvent('filechooser')
  await top(page).locator(button).tap()
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: content })
}

/** On the course page: 开始学习 one lesson, let the simulated player run to the end, rate it 5 stars. */
async function learnAndEvaluate(phone: Phone, lessonId: string, hours: number, screenshot?: string) {
  const { page } = phone
  await top(page).locator(`.course__lesson--${lessonId} .course__start`).tap()
  await top(page).getByText('本地模拟播放器 · 加速播放').waitFor()
  await page.locator('.evaluate').waitFor({ timeout: 30_000 })
  await page.locator('.evaluate__rate > *').nth(4).tap()
  if (screenshot) {
    await page.locator('.evaluate__comment textarea').fill('案例贴近实务，讲解清晰。')
    await phone.screenshot(screenshot)
  }
  await page.locator('#evaluate-submit').tap()
  await page.getByText(`已记录${hours}学时`).first().waitFor()
  // The player goes back to the course page by itself.
  await top(page)
    .locator(`.course__lesson--${lessonId} .course__lesson-status`, { hasText: `已评价 · 已记录${hours}学时` })
    .waitFor()
}

async function openHoursFromLearn(page: Page) {
  await top(page).locator('.learn__hours').tap()
  await top(page).locator('.hours__summary').waitFor()
}

const summaryNumber = (page: Page, item: string) => top(page).locator(`.hours__summary-item--${item} .hours__summary-number`).textContent()

/** 浙江's reviewer opens 孙磊's output-based claim from the inbox, checks what passing would credit, and passes it. */
async function staffPassesSunsClaim(zjStaff: SignedIn, expected: { credited: string; outcome: string; screenshots?: boolean }) {
  const staff = await signIn(zjStaff)
  await staff.page.locator('.inbox__category--output_hours').tap()
  await staff.page.locator('.staff-list__item', { hasText: '孙磊' }).tap()
  await top(staff.page).locator('.claim-review__credited', { hasText: expected.credited }).waitFor()
  await expect.poll(() => top(staff.page).locator('.decision__outcome').textContent()).toBe(expected.outcome)
  if (expected.screenshots) await staff.screenshot('education-21-staff-review')
  await top(staff.page).locator('#decision-pass').scrollIntoViewIfNeeded()
  if (expected.screenshots) await staff.screenshot('education-21b-staff-decide')
  await top(staff.page).locator('#decision-pass').tap()
  await confirmModal(staff.page, '确定通过孙磊的产出式学时申请吗')
  await top(staff.page).getByText('该申请已办理：已通过').waitFor()
  await staff.page.close()
}

describe('continuing education', () => {
  it('choosing an institute locks it for the year: the banner says so and no change is offered, also after a reload', async () => {
    const zhou = await aZhou()
    const phone = await signIn(zhou)
    const { page } = phone
    await phone.screenshot('education-01-home')
    await page.locator('.home__entry--learn').tap()
    await top(page).locator('.learn__institute').first().waitFor()
    await expect.poll(() => top(page).locator('.learn__institute-name').allTextContents()).toEqual(['北京国家会计学院', '上海国家会计学院', '厦门国家会计学院'])
    await phone.screenshot('education-02-choose-institute')

    // 再想想 keeps the choice open.
    await top(page).locator('.learn__institute--BNAI .learn__choose').tap()
    await confirmModal(page, `选择后${learningYear()}年度内不可更改`, '再想想')
    await expect.poll(() => top(page).locator('.learn__choose').count()).toBe(3)

    await top(page).locator('.learn__institute--BNAI .learn__choose').tap()
    await page.locator('.taro-modal__content', { hasText: '确定选择北京国家会计学院吗' }).waitFor()
    await phone.screenshot('education-03-choose-confirm')
    await confirmModal(page, '确定选择北京国家会计学院吗', '确定选择')
    const banner = `${learningYear()}年度已选择北京国家会计学院，当年不可更改`
    await top(page).locator('.learn__locked', { hasText: banner }).waitFor()
    await expect.poll(() => top(page).locator('.learn__choose').count()).toBe(0)
    await top(page).locator('.learn__course--R101').waitFor()
    await phone.screenshot('education-04-locked')

    await page.reload()
    await top(page).locator('.learn__locked', { hasText: banner }).waitFor()
    await top(page).locator('.learn__course--R101').waitFor()
    await expect.poll(() => top(page).locator('.learn__choose').count()).toBe(0)
    // The server refuses a change too, not only the screen.
    expect((await zhou.refused('chooseInstitute', { body: { institute: 'SNAI' } })).status).toBe(409)
    await page.close()
  }, 150_000)

  it('pays the learning fee at the first 开始学习; hours appear in 学时查询 only once the lesson is evaluated', async () => {
    const zhou = await aZhou()
    await anEnrolment(env.stack.api, zhou, { institute: 'BNAI' })
    const phone = await signIn(zhou)
    const { page } = phone
    await page.locator('.home__entry--learn').tap()
    await top(page).locator('.learn__fee', { hasText: '未缴纳' }).waitFor()
    await top(page).locator('.learn__course--R101').tap()
    await top(page).locator('.course__lesson--L1').waitFor()
    await phone.screenshot('education-05-course')
    await top(page).locator('.course__lesson--L1 .course__start').tap()
    await confirmModal(page, `开始学习前请缴纳${learningYear()}年度学习费¥100.00`, '去支付')
    // The simulated payment sheet offers the QR code a browser outside WeChat gets; this member pays by scanning it.
    await page.locator('.pay__sim').getByText(`北京国家会计学院 ${learningYear()}年度学习费`).waitFor()
    await page.locator('#pay-sheet-qr').tap()
    await page.locator('.pay__qr').waitFor()
    await expect.poll(() => page.locator('.pay__qr-sheet .pay__amount').textContent()).toBe('¥100.00')
    await phone.screenshot('education-06-pay-qr')
    await page.locator('#fee-simulate').tap()
    await top(page).getByText(`北京国家会计学院 ${learningYear()}年度学习费`).waitFor()
    await page.locator('#pay-sim-confirm').tap()
    // Back on the course page the poll sees the payment and opens the lesson it was paid for.
    await top(page).getByText('本地模拟播放器 · 加速播放').waitFor({ timeout: 20_000 })
    await expect.poll(() => top(page).locator('.player__time').textContent()).not.toMatch(/^00:00 \//)
    await phone.screenshot('education-07-player')

    // Played to the end: the evaluation opens. A rating is required.
    await page.locator('.evaluate').waitFor({ timeout: 30_000 })
    await page.locator('#evaluate-submit').tap()
    await page.getByText('请为课程评分（1至5星）').waitFor()
    // Leaving without evaluating: the lesson is learned, its hours are not recorded yet.
    await page.getByLabel('关闭', { exact: true }).filter({ visible: true }).last().tap()
    await page.locator('.evaluate').waitFor({ state: 'hidden' })
    await top(page).locator('#player-evaluate').waitFor()
    await phone.screenshot('education-08-player-unevaluated')
    await page.goBack()
    await top(page).locator('.course__lesson--L1 .course__lesson-status', { hasText: '待评价' }).waitFor()
    await page.goBack()
    await openHoursFromLearn(page)
    await expect.poll(() => summaryNumber(page, 'done')).toBe('0')
    await top(page).getByText(`${learningYear()}年度暂无学时记录`).waitFor()
    await phone.screenshot('education-09-hours-empty')

    await page.goBack()
    await top(page).locator('.learn__course--R101').tap()
    await top(page).locator('.course__lesson--L1 .course__evaluate').tap()
    await page.locator('.evaluate__rate > *').nth(3).tap()
    await page.locator('.evaluate__comment textarea').fill('讲解清晰，案例实用。')
    await phone.screenshot('education-10-evaluate')
    await page.locator('#evaluate-submit').tap()
    await page.getByText('已记录2学时').first().waitFor()
    await top(page).locator('.course__lesson--L1 .course__lesson-status', { hasText: '已评价 · 已记录2学时' }).waitFor()
    await page.goBack()
    await openHoursFromLearn(page)
    await expect.poll(() => summaryNumber(page, 'done')).toBe('2')
    await expect.poll(() => summaryNumber(page, 'missing')).toBe('38')
    await top(page).locator('.hours__record', { hasText: '职业道德基本原则' }).waitFor()
    await expect.poll(() => top(page).locator('.hours__source--online .hours__source-hours').textContent()).toBe('2 学时')
    await phone.screenshot('education-11-hours')
    await page.close()
  }, 150_000)

  it('keeps electives locked until every required course is learned and evaluated', async () => {
    const zhou = await aZhou()
    await anEnrolment(env.stack.api, zhou, { institute: 'BNAI', paid: true })
    const phone = await signIn(zhou)
    const { page } = phone
    await page.locator('.home__entry--learn').tap()
    const elective = top(page).locator('.learn__course--E201')
    await expect.poll(() => elective.getAttribute('class')).toContain('learn__course--locked')
    await elective.getByText('请先学完全部必修课程并完成评价（已完成0/2门），再学习选修课程').waitFor()
    await top(page).locator('.learn__group--elective').scrollIntoViewIfNeeded()
    await phone.screenshot('education-12-electives-locked')
    // Tapping a locked elective says why and opens nothing.
    await elective.tap()
    await page.getByText('请先学完全部必修课程并完成评价（已完成0/2门），再学习选修课程').nth(1).waitFor()
    expect(await page.locator('.taro_page').count()).toBe(2)
    // The server keeps the lock too.
    const early = await zhou.refused('lessonProgress', { params: { courseId: 'E201', lessonId: 'L1' }, body: { positionSeconds: 0 } })
    expect(early.status).toBe(409)

    await top(page).locator('.learn__course--R101').tap()
    await learnAndEvaluate(phone, 'L1', 2)
    await learnAndEvaluate(phone, 'L2', 2, 'education-13-evaluate-at-end')
    await page.goBack()
    await expect.poll(() => top(page).locator('.learn__group--required .learn__group-progress').textContent()).toBe('已完成 1/2 门')
    await expect.poll(() => elective.getAttribute('class')).toContain('learn__course--locked')
    await top(page).locator('.learn__course--R102').tap()
    await learnAndEvaluate(phone, 'L1', 3)
    await learnAndEvaluate(phone, 'L2', 3)
    await page.goBack()

    await expect.poll(() => top(page).locator('.learn__group--required .learn__group-progress').textContent()).toBe('已完成 2/2 门')
    await expect.poll(() => elective.getAttribute('class')).not.toContain('learn__course--locked')
    await expect.poll(() => top(page).locator('.learn__hours-number--done').textContent()).toBe('10')
    await top(page).locator('.learn__group--elective').scrollIntoViewIfNeeded()
    await phone.screenshot('education-14-electives-unlocked')
    await elective.tap()
    await expect.poll(() => top(page).locator('.course__lesson--L1 .course__start').getAttribute('aria-disabled')).toBe('false')
    await phone.screenshot('education-15-elective-course')
    await page.close()
  }, 150_000)

  it('plays an institute’s own video lesson in a video player instead of the simulated one', async () => {
    const zhou = await aZhou()
    await anEnrolment(env.stack.api, zhou, { institute: 'XNAI', paid: true })
    const chosen: InstituteCode = 'XNAI'
    const catalogue = demoCatalogues(learningYear()).find((candidate) => candidate.institute === chosen)!
    const lesson = { lessonId: 'V1', title: '审计抽样方法', hours: 1, durationSeconds: 2700, videoUrl: 'https://video.example-institute.cn/e301/v1.mp4' }
    const rawBody = JSON.stringify({
      ...catalogue,
      // Required, so it opens before any other course is learned.
      courses: [{ courseId: 'E301', title: '审计抽样', teacher: '审计教研室', category: 'required', lessons: [lesson] }],
    })
    const secret = (JSON.parse(process.env.EDU_IMPORT_SECRETS!) as Record<string, string>)[chosen]!
    const pushed = await fetch(`${env.stack.apiUrl}/api/v1/education/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedImportHeaders(chosen, secret, rawBody, randomUUID()) },
      body: rawBody,
    })
    expect(pushed.status).toBe(200)

    const phone = await signIn(zhou)
    const { page } = phone
    await page.locator('.home__entry--learn').tap()
    await top(page).locator('.learn__course--E301').tap()
    await top(page).locator('.course__lesson--V1 .course__start').tap()
    await top(page).locator('.player__video-frame video').waitFor({ state: 'attached' })
    expect(await top(page).locator('.player__video-frame video').getAttribute('src')).toBe(lesson.videoUrl)
    await top(page).getByText('请完整观看视频，学完后进行评价；快进超过观看时间的进度不会记录。').waitFor()
    expect(await top(page).locator('.player__badge').count()).toBe(0)
    await phone.screenshot('education-15b-video-player')
    await page.close()
  }, 60_000)

  it('credits an approved 产出式学时 claim: staff approve from the inbox, hours reach 44 and the annual inspection is no longer blocked', async () => {
    const member = await signIn(await aSun())
    const { page } = member
    await page.locator('.home__entry--apply').tap()
    await top(page).locator('.apply__blocker', { hasText: '累计已完成学时 36 未达到应完成学时 40，还需完成 4 学时' }).waitFor()
    await page.goBack()

    await page.locator('.home__entry--output').tap()
    await top(page).getByText('暂无产出式学时申请').waitFor()
    await member.screenshot('education-16-claims-empty')
    await top(page).locator('#claims-new').tap()
    await top(page).locator('#output-submit').tap()
    await top(page).getByText('请上传证明材料').waitFor()
    await expect.poll(() => top(page).locator('.form-field__error').allTextContents()).toEqual(['请选择产出类别', '请填写成果名称', '请选择取得日期'])
    await member.screenshot('education-17-output-errors')

    await top(page).locator('.output__category').tap()
    await page.locator('.output__option--article').waitFor()
    await member.screenshot('education-18-output-categories')
    await page.locator('.output__option--article').tap()
    await expect.poll(() => top(page).locator('.output__rule').textContent()).toContain('每篇8学时，每年最多24学时')
    await typeInto(page, 'output__title', '数字化转型下的审计质量管理')
    // Claimed for the 年检年度, so the hours count towards the inspection members apply for now.
    await top(page).locator('.output__year').getByText(`${inspectionYear()}年度`).tap()
    await top(page).locator('.output__date').tap()
    await pickerConfirm(page).tap()
    await expect.poll(() => top(page).locator('.output__date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}/)
    await top(page).locator('.output__description textarea').fill('发表于《中国注册会计师》第10期。')
    await expect.poll(() => top(page).locator('.output__estimate').textContent()).toBe('申报 8 学时')
    await uploadFile(page, '#proofs-add', '文章刊登页.pdf', pdf())
    await top(page).locator('.proofs__file', { hasText: '文章刊登页.pdf' }).waitFor()
    await member.screenshot('education-19-output-form')
    await top(page).locator('#output-submit').tap()
    await top(page).locator('.claim-info__status', { hasText: '待注协审核' }).waitFor()
    await member.screenshot('education-20-claim-pending')

    await staffPassesSunsClaim(await aLocalStaff(env.stack.api, 'ZJ'), { credited: '0学时 / 上限24学时', outcome: '通过后认可8学时。', screenshots: true })

    await page.reload()
    await top(page).locator('.claim-info__status', { hasText: '已通过' }).waitFor()
    await expect.poll(() => top(page).locator('.claim-info__hours-number--credited').textContent()).toBe('8')
    await member.screenshot('education-22-claim-approved')
    await top(page).locator('.claim__hours').tap()
    await expect.poll(() => summaryNumber(page, 'done')).toBe('44')
    await expect.poll(() => summaryNumber(page, 'missing')).toBe('0')
    await top(page).locator('.hours__record', { hasText: '数字化转型下的审计质量管理' }).waitFor()
    await member.screenshot('education-23-hours-44')

    await page.goto(`${env.stack.webUrl}/`)
    await page.locator('.home__entry--apply').tap()
    await top(page).getByText('累计已完成学时').first().waitFor()
    await expect.poll(() => top(page).locator('.apply__blocker').allTextContents()).not.toContainEqual(expect.stringContaining('学时'))
    await expect.poll(() => top(page).getByText('还需完成').count()).toBe(0)
    await member.screenshot('education-24-inspection-unblocked')
    // The inspection's hours open 学时查询, the records they are counted from.
    await top(page).locator('.apply__hours').tap()
    await expect.poll(() => summaryNumber(page, 'done')).toBe('44')
    await page.close()
  }, 150_000)

  it('explains the yearly cap when it bites, and takes a 减免学时 claim', async () => {
    // One 8-hour article already passed this 年检年度.
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const sun = await aSun()
    await anArticleClaim(sun, { title: '数字化转型下的审计质量管理', passedBy: zjStaff })
    const member = await signIn(sun)
    const { page } = member
    await page.locator('.home__entry--output').tap()
    await top(page).locator('#claims-new').tap()
    await top(page).locator('.output__category').tap()
    await page.locator('.output__option--article').tap()
    await typeInto(page, 'output__title', '注册会计师行业专题文章三篇')
    // Claimed for the 年检年度, so the hours count towards the inspection members apply for now.
    await top(page).locator('.output__year').getByText(`${inspectionYear()}年度`).tap()
    await top(page).locator('.output__date').tap()
    await pickerConfirm(page).tap()
    await top(page).locator('.output__quantity > *').last().tap()
    await top(page).locator('.output__quantity > *').last().tap()
    await expect.poll(() => top(page).locator('.output__estimate').textContent()).toBe('申报 24 学时')
    await uploadFile(page, '#proofs-add', '三篇文章.pdf', pdf())
    await top(page).locator('.proofs__file', { hasText: '三篇文章.pdf' }).waitFor()
    await top(page).locator('#output-submit').tap()
    await top(page).locator('.claim-info__status', { hasText: '待注协审核' }).waitFor()

    await staffPassesSunsClaim(zjStaff, {
      credited: '8学时 / 上限24学时',
      outcome: '通过后认可16学时：“在省级以上专业刊物公开发表专业文章”每年最多认可24学时，本年度已认可8学时，本次申报24学时，认可16学时。',
    })

    await page.reload()
    await top(page).locator('.claim-info__status', { hasText: '已通过' }).waitFor()
    await expect.poll(() => top(page).locator('.claim-info__cap').textContent()).toContain('每年最多认可24学时，本年度已认可8学时，本次申报24学时，认可16学时')
    await member.screenshot('education-25-claim-capped')

    await page.goto(`${env.stack.webUrl}/`)
    await page.locator('.home__entry--exemption').tap()
    await top(page).getByText('暂无减免学时申请').waitFor()
    await top(page).locator('#claims-new').tap()
    await top(page).locator('.exemption__reason').tap()
    await pickerConfirm(page).tap()
    await expect.poll(() => top(page).locator('.exemption__reason').textContent()).toContain('因病不能参加继续教育')
    await top(page).locator('.exemption__from').tap()
    await pickerConfirm(page).tap()
    await top(page).locator('.exemption__to').tap()
    await pickerConfirm(page).tap()
    await expect.poll(() => top(page).locator('.exemption__estimate').textContent()).toContain(`期间覆盖${learningYear()}年度1个月，审核通过后预计减免4学时`)
    await top(page).locator('.exemption__description textarea').fill('住院治疗，无法参加当年继续教育。')
    await uploadFile(page, '#proofs-add', '住院证明.pdf', pdf())
    await top(page).locator('.proofs__file', { hasText: '住院证明.pdf' }).waitFor()
    await member.screenshot('education-26-exemption-form')
    await top(page).locator('#exemption-submit').tap()
    await top(page).locator('.claim-info__status', { hasText: '待注协审核' }).waitFor()
    await page.goBack()
    await top(page).locator('.claims__item', { hasText: '因病不能参加继续教育' }).waitFor()
    await member.screenshot('education-27-exemption-list')

    // The same month again is refused: the form names the claim that holds it, under the period.
    await top(page).locator('#claims-new').tap()
    await top(page).locator('.exemption__reason').tap()
    await pickerConfirm(page).tap()
    await top(page).locator('.exemption__from').tap()
    await pickerConfirm(page).tap()
    await top(page).locator('.exemption__to').tap()
    await pickerConfirm(page).tap()
    await top(page).locator('.exemption__description textarea').fill('同一期间再次申请。')
    await uploadFile(page, '#proofs-add', '诊断证明.pdf', pdf())
    await top(page).locator('.proofs__file', { hasText: '诊断证明.pdf' }).waitFor()
    await top(page).locator('#exemption-submit').tap()
    const periodError = top(page).locator('.form-field', { hasText: '起始日期' }).locator('.form-field__error')
    await expect
      .poll(() => periodError.textContent())
      .toMatch(/^减免期间与\d{4}年度减免学时申请（.+，待注协审核）重叠：\d{4}年1月已申请减免，同一月份只能减免一次$/)
    await member.screenshot('education-27b-exemption-overlap')
    await page.goBack()

    // Returning needs a reason, which the member then reads.
    const staff2 = await signIn(zjStaff)
    await staff2.page.locator('.inbox__category--exemption_hours').tap()
    await staff2.page.locator('.staff-list__item', { hasText: '孙磊' }).tap()
    await expect.poll(() => top(staff2.page).locator('.decision__outcome').textContent()).toBe(`通过后${learningYear()}年度应完成学时减少4学时。`)
    await top(staff2.page).locator('#decision-return').tap()
    await top(staff2.page).getByText('退回时请填写退回原因').waitFor()
    await top(staff2.page).locator('.decision__opinion textarea').fill('请补充医院出具的诊断证明。')
    await top(staff2.page).locator('#decision-return').tap()
    await confirmModal(staff2.page, '确定退回孙磊的减免学时申请吗')
    await top(staff2.page).getByText('该申请已办理：已退回').waitFor()
    await staff2.page.close()

    await page.reload()
    await top(page).locator('.claims__item', { hasText: '已退回' }).tap()
    await expect.poll(() => top(page).locator('.claim-info__returned').textContent()).toBe('退回原因：请补充医院出具的诊断证明。')
    await top(page).locator('#claim-again').waitFor()
    await member.screenshot('education-28-claim-returned')
    await page.close()
  }, 150_000)
})
