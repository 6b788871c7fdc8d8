import { describe, expect, it } from 'vitest'
import { inspectionYear } from '../support/calendar'
import type { Route } from 'playwright-core'
import { browserStack, confirmModal, type Phone, pickerConfirm, signIn as signInAs, titleBar, topPage, typeInto, WECHAT_USER_AGENT } from '../support/browser'
import { aLocalStaff, aMember, type SignedIn } from '../support/builders'

const env = browserStack()

const signIn = (user: SignedIn) => signInAs(env.browser, env.stack, user.account)

/** 李华 of 浙江: 20 of 40 hours, fee 去支付, 完善信息 not saved. */
const aLi = () => aMember(env.stack.api, { hours: 20, record: { name: '李华' } })

/** Local staff open the item from their inbox and decide it. */
async function staffDecides(options: {
  staff: SignedIn
  kind?: 'inspection' | 'deferral'
  name: string
  decision: 'return' | 'pass'
  opinion: string
  outcome: string
  screenshot: string
}) {
  const { kind = 'inspection', name, decision, opinion } = options
  const phone = await signIn(options.staff)
  const { page } = phone
  await page.locator(`.inbox__category--${kind}`).tap()
  await page.locator('.staff-list__item', { hasText: name }).tap()
  await page.getByText('累计已完成学时').waitFor()
  if (opinion) await page.locator('.decision__opinion textarea').fill(opinion)
  await phone.screenshot(options.screenshot)
  await page.locator(decision === 'pass' ? '#decision-pass' : '#decision-return').tap()
  await confirmModal(phone.page, `确定${decision === 'pass' ? '通过' : '退回'}${name}`)
  await page.getByText(`该申请已办理：${options.outcome}`).waitFor()
  await page.close()
}

/** Picks a file in the system file chooser the upload button opens. */
async function uploadFile(phone: Phone, button: string, name: string, content: Buffer) {
  const chooser = phone.page.waitForEvent('filechooser')
  await phone.page.locator(button).tap()
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: content })
}

const pdf = (size = 4096) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size)])

describe('annual inspection', () => {
  it('shows why a member cannot apply yet', async () => {
    const phone = await signIn(await aLi())
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.getByText('暂不能申请年检：').waitFor()
    await expect
      .poll(() => page.locator('.apply__blocker').allTextContents())
      .toEqual(['· 请先完善信息（带 * 的为必填项）', '· 累计已完成学时 20 未达到应完成学时 40，还需完成 20 学时', '· 会费尚未缴纳，请先完成缴费'])
    await expect.poll(() => page.locator('#inspection-apply').getAttribute('aria-disabled')).toBe('true')
    await phone.screenshot('inspection-01-blocked')
    await page.close()
  })

  it('fills in 完善信息 over four tabs, keeping a draft between visits', async () => {
    const li = await aLi()
    const phone = await signIn(li)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.getByText('未完善，请先填写 ›').tap()
    await page.locator('.info__input--mobile').waitFor()
    // What the member record already holds is filled in.
    await expect.poll(() => page.locator('.info__input--email input').inputValue()).toBe(li.member.email)
    await typeInto(page, 'info__input--mobile', '13957112345')
    await typeInto(page, 'info__input--address', '杭州市上城区解放路1号')
    await page.locator('#info-next').tap()
    await typeInto(page, 'info__input--workUnit', '浙江某某会计服务有限公司')
    await page.locator('#info-prev').tap()
    // 上一步 keeps what was typed.
    await expect.poll(() => page.locator('.info__input--mobile input').inputValue()).toBe('13957112345')
    await phone.screenshot('inspection-25-info-contact')
    // Leaving keeps a draft, also what was typed since the last tab change: come back and it is all
    // there, even when the page is opened again before that last write has been answered.
    await page.locator('.info__tab--work').tap()
    await typeInto(page, 'info__input--workUnit', '浙江某某会计服务有限公司杭州分公司')
    const leavingWrite = new Promise<Route>((resolve) => void page.route('**/api/v1/inspection/profile/draft', resolve, { times: 1 }))
    await page.goBack()
    const held = await leavingWrite
    await topPage(page).locator('.apply__info').tap()
    await held.continue()
    await topPage(page).locator('.info__tab--work').tap()
    await expect.poll(() => topPage(page).locator('.info__input--workUnit input').inputValue()).toBe('浙江某某会计服务有限公司杭州分公司')
    // The page left is gone by now: one 完善信息 in the stack.
    await expect.poll(() => page.locator('.taro_page .info').count()).toBe(1)
    await page.locator('.info__tab--qualifications').tap()
    await page.locator('#info-save').tap()
    // Missing * fields: the first tab with a problem opens with the messages under the fields.
    await page.getByText('请填写毕业院校').waitFor()
    await expect.poll(() => page.locator('.info__chip--on').allTextContents()).toEqual(['大学本科'])
    await page.locator('.info__chip', { hasText: '学士' }).tap()
    await typeInto(page, 'info__input--school', '浙江大学')
    await typeInto(page, 'info__input--major', '会计学')
    await page.locator('.info__graduation').tap()
    await pickerConfirm(page).tap()
    await expect.poll(() => page.locator('.info__graduation').textContent()).toMatch(/^\d{4}-\d{2}/)
    await phone.screenshot('inspection-26-info-education')
    await page.locator('.info__tab--qualifications').tap()
    await page.locator('.info__check', { hasText: '税务师' }).first().tap()
    await page.locator('.info__check', { hasText: 'CFA' }).tap()
    await typeInto(page, 'info__input--internationalOther', '英国特许管理会计师(CIMA)')
    await phone.screenshot('inspection-27-info-qualifications')
    await page.locator('#info-save').tap()
    await page.getByText('已完善 ›').waitFor()
    const saved = await li.ok('memberInfo')
    expect(saved.saved?.qualifications).toEqual({
      domestic: ['税务师'],
      domesticOther: '',
      international: ['特许金融分析师(CFA)'],
      internationalOther: '英国特许管理会计师(CIMA)',
    })
    await page.close()
  })

  it('tells a member whose 完善信息 another device changed meanwhile, and shows what that device saved', async () => {
    const li = await aLi()
    const phone = await signIn(li)
    const { page } = phone
    await page.locator('.home__entry--apply').tap()
    await page.getByText('未完善，请先填写 ›').tap()
    await expect.poll(() => page.locator('.info__input--email input').inputValue()).toBe(li.member.email)
    // Another device writes over the version this screen read.
    const tablet = { contact: { mobile: '13957112345', address: '平板上填写的地址' } }
    await li.ok('saveMemberInfoDraft', { body: { ...tablet, version: (await li.ok('memberInfo')).version } })
    await typeInto(page, 'info__input--address', '手机上填写的地址')
    await page.locator('#info-next').tap()
    await page.getByText('完善信息已在其他设备上修改，请刷新后再保存').waitFor()
    await page.locator('.info__tab--contact').tap()
    await expect.poll(() => page.locator('.info__input--address input').inputValue()).toBe('平板上填写的地址')
    await phone.screenshot('inspection-28-info-overtaken')
    expect((await li.ok('memberInfo')).draft).toEqual(tablet)
    await page.close()
  })

  it('walks apply → staff return → message → re-apply → staff pass → history 年检通过', async () => {
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const { version } = await zjStaff.ok('inspectionNotice')
    await zjStaff.ok('saveInspectionNotice', { body: { notice: '浙江注协：年检结果将于30个工作日内公布。', version } })

    const zhang = await aMember(env.stack.api, { hours: 40, fee: '免会费', info: true, record: { name: '张晓明' } })
    const member = await signIn(zhang)
    const { page } = member
    await member.screenshot('inspection-02-home')
    await page.locator('.home__entry--apply').tap()
    await page.getByText('累计应完成学时').waitFor()
    await expect.poll(() => page.locator('#inspection-apply').getAttribute('aria-disabled')).toBe('true')
    await expect.poll(() => page.locator('.apply__hint').textContent()).toBe('请阅读并勾选承诺书')
    await uploadFile(member, '#materials-add-inspection', '学时证明.pdf', pdf())
    await page.locator('.materials__file', { hasText: '学时证明.pdf' }).waitFor()
    await uploadFile(member, '#materials-add-inspection', '病毒.pdf', Buffer.from('MZ\x90\x00 not a pdf'))
    await page.getByText('附件“病毒.pdf”须为pdf、jpg、png、xls格式，该文件内容不符，请重新上传').waitFor()
    await uploadFile(member, '#materials-add-inspection', '多余.pdf', pdf())
    await page.locator('.materials__file', { hasText: '多余.pdf' }).locator('.materials__remove').tap()
    await page.locator('.taro-modal__foot').getByText('删除', { exact: true }).tap()
    await expect.poll(() => page.locator('.materials__file').allTextContents()).toEqual([expect.stringContaining('学时证明.pdf')])
    await page.locator('.apply__accept').tap()
    await expect.poll(() => page.locator('#inspection-apply').getAttribute('aria-disabled')).toBe('false')
    await member.screenshot('inspection-03-apply')
    await page.locator('#inspection-apply').tap()
    await page.getByText(`确认要申请${inspectionYear()}年度年检吗`).waitFor()
    await member.screenshot('inspection-04-confirm')
    await page.locator('.taro-modal__foot').getByText('确定', { exact: true }).tap()
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()
    await expect.poll(() => page.getByText('浙江注协：年检结果将于30个工作日内公布。').isVisible()).toBe(true)
    await member.screenshot('inspection-05-success')

    await staffDecides({
      staff: zjStaff,
      name: '张晓明',
      decision: 'return',
      opinion: '请补充上传学时证明材料。',
      outcome: '地方注协退回',
      screenshot: 'inspection-06-staff-review',
    })

    await page.locator('#success-home').tap()
    await page.locator('.home__entry--apply').getByText('已退回').waitFor()
    await page.getByLabel('消息，1条未读').waitFor()
    await member.screenshot('inspection-07-home-returned')
    await page.locator('.home__bell').tap()
    // 🔔 shows the latest reason first; 更多 opens the list (seed 003, 2.1.5).
    await page.locator('.latest-message').getByText('地方注协非执业会员年检审核退回：请补充上传学时证明材料。').waitFor()
    await page.locator('#latest-message-more').tap()
    await page.locator('.messages__item').getByText(`您的${inspectionYear()}年度年检申请被退回`).waitFor()
    await member.screenshot('inspection-08-messages')
    await page.locator('.messages__open').first().tap()
    // The home page under it names the same node in its 🔔 line (hidden), so only the message page is asked.
    await topPage(page).getByText('地方注协非执业会员年检审核退回').waitFor()
    await expect
      .poll(() => page.locator('.message__card .message__row').allTextContents())
      .toEqual([
        '节点地方注协非执业会员年检审核退回',
        '办理单位浙江省注册会计师协会',
        '退回原因请补充上传学时证明材料。',
        expect.stringMatching(/^时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      ])
    await member.screenshot('inspection-09-message-detail')
    await page.locator('#message-reapply').tap()
    await page.getByText('退回原因：请补充上传学时证明材料。').waitFor()
    // Everything uploaded before is still there; the member adds what was asked for.
    await page.locator('.materials__file', { hasText: '学时证明.pdf' }).waitFor()
    await uploadFile(member, '#materials-add-inspection', '补充学时证明.pdf', pdf())
    await page.locator('.materials__file', { hasText: '补充学时证明.pdf' }).waitFor()
    await page.locator('.apply__accept').tap()
    await page.locator('#inspection-apply').tap()
    await confirmModal(member.page, `确认要申请${inspectionYear()}年度年检吗`)
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()
    // The message was read when opened: the bell has no count any more.
    const overview = await zhang.ok('inspectionOverview')
    expect(overview).toMatchObject({ unreadMessages: 0, homeBadge: '审核中' })

    await staffDecides({ staff: zjStaff, name: '张晓明', decision: 'pass', opinion: '', outcome: '年检通过', screenshot: 'inspection-10-staff-pass' })

    await page.locator('#success-home').tap()
    await page.locator('.home__entry--apply').getByText('已通过').waitFor()
    await page.locator('.home__entry--history').tap()
    await page.locator('.history__item').getByText('年检通过').waitFor()
    await member.screenshot('inspection-11-history')
    await page.locator('.history__status-returned').tap()
    await page.getByText('暂无年检记录').waitFor()
    await page.locator('.history__status-passed').tap()
    await page.locator('.history__item').first().tap()
    await page.getByText(`${inspectionYear()}年度 年检通过`).waitFor()
    await expect
      .poll(() => page.locator('.detail .trail__node').allTextContents())
      .toEqual(['非执业会员提交年检申请', '地方注协非执业会员年检审核退回', '非执业会员提交年检申请', '地方注协非执业会员年检审核通过'])
    await member.screenshot('inspection-12-detail-passed')
    await page.close()
  })

  it('walks the deferral: 承诺书 → reason and proof → submit → staff return → resubmit → approved', async () => {
    const zjStaff = await aLocalStaff(env.stack.api, 'ZJ')
    const member = await signIn(await aLi())
    const { page } = member
    await page.locator('.home__entry--apply').tap()
    await page.locator('#inspection-defer').tap()
    await page.locator('.deferral__accept').waitFor()
    await expect.poll(() => page.locator('#deferral-confirm').getAttribute('aria-disabled')).toBe('true')
    await page.locator('.deferral__accept').tap()
    await member.screenshot('inspection-13-deferral-letter')
    await page.locator('#deferral-confirm').tap()
    await page.locator('#deferral-submit').tap()
    await page.getByText('请填写暂缓原因').waitFor()
    await expect.poll(() => page.locator('.deferral__error').textContent()).toBe('请上传暂缓证明材料')
    await page.locator('.deferral__reason textarea').fill('派驻海外工作，无法按时完成继续教育。')
    await uploadFile(member, '#materials-add-deferral', '海外工作证明.pdf', pdf(6 * 1024 * 1024))
    await page.locator('.materials__file', { hasText: '海外工作证明.pdf' }).waitFor()
    await member.screenshot('inspection-14-deferral-form')
    await page.locator('#deferral-submit').tap()
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()
    await member.screenshot('inspection-15-deferral-success')

    await staffDecides({
      staff: zjStaff,
      kind: 'deferral',
      name: '李华',
      decision: 'return',
      opinion: '请重新上传材料。',
      outcome: '暂缓申请退回',
      screenshot: 'inspection-16-staff-deferral',
    })

    await page.locator('#success-home').tap()
    await page.locator('.home__entry--apply').getByText('已退回').waitFor()
    await page.locator('.home__bell').tap()
    await page.locator('#latest-message-open').tap()
    await expect.poll(() => page.locator('.message__card .message__row').first().textContent()).toBe('节点地方注协非执业会员审核暂缓退回')
    await page.locator('#message-reapply').tap()
    await page.locator('.deferral__accept').tap()
    await page.locator('#deferral-confirm').tap()
    await page.getByText('退回原因：请重新上传材料。').waitFor()
    await page.locator('.materials__file', { hasText: '海外工作证明.pdf' }).waitFor()
    await page.locator('.deferral__reason textarea').fill('派驻海外工作，已补充派驻文件。')
    await uploadFile(member, '#materials-add-deferral', '派驻文件.pdf', pdf())
    await page.locator('.materials__file', { hasText: '派驻文件.pdf' }).waitFor()
    await page.locator('#deferral-submit').tap()
    await page.getByText('申请成功，请明年按时参加年检。').waitFor()

    await staffDecides({
      staff: zjStaff,
      kind: 'deferral',
      name: '李华',
      decision: 'pass',
      opinion: '',
      outcome: '同意暂缓年检',
      screenshot: 'inspection-17-staff-deferral-pass',
    })

    await page.locator('#success-detail').tap()
    await page.locator('.detail .trail__node').last().waitFor()
    await expect
      .poll(() => page.locator('.detail .trail__node').allTextContents())
      .toEqual(['非执业会员提交暂缓年检申请', '地方注协非执业会员审核暂缓退回', '非执业会员提交暂缓年检申请', '地方注协非执业会员审核暂缓通过'])
    await member.screenshot('inspection-18-deferral-trail')
    await page.close()
  })

  it("pays the fee through WeChat's payment sheet (simulated locally), and local staff handle an offline declaration", async () => {
    const member = await signIn(await aLi())
    const { page } = member
    await page.locator('.home__entry--apply').tap()
    await page.locator('#fee-pay').tap()
    // The H5 build stands in for the mini-program: a JSAPI order, and a labelled simulation of WeChat's sheet.
    const sheet = page.locator('.pay__sim')
    await sheet.getByText('本地模拟 · 非真实支付').waitFor()
    await expect.poll(() => sheet.locator('.pay__amount').textContent()).toBe('¥300.00')
    expect(await page.getByText('模拟微信支付（本地）').isVisible()).toBe(true)
    await member.screenshot('inspection-19-pay-sheet')
    await page.locator('#pay-sheet-confirm').tap()
    // The simulation checked paySign and the notification reached the real route: the fee is confirmed.
    await expect.poll(() => page.locator('.apply__fee').last().textContent(), { timeout: 15_000 }).toBe('已确认')
    await member.screenshot('inspection-21-paid')
    await page.close()

    // 王芳 of 北京 has 40 hours and 完善信息; her bank transfer waits for 北京注协.
    const wangFang = await aMember(env.stack.api, { association: 'BJ', hours: 40, fee: '待确认', info: true, record: { name: '王芳' } })
    const staff = await signIn(await aLocalStaff(env.stack.api, 'BJ'))
    await staff.page.locator('.inbox__category--fee_confirmation').tap()
    await staff.page.locator('.staff-list__item', { hasText: '王芳' }).tap()
    await staff.page.getByText('已通过银行转账缴纳会费').waitFor()
    await staff.page.locator('.fee-review__opinion textarea').fill('未查到该笔转账，请核对后重新申报。')
    await staff.screenshot('inspection-22-staff-fee')
    await staff.page.locator('#fee-reject').tap()
    await confirmModal(staff.page, '确定不予确认')
    await staff.page.getByText('该缴费已处理：去支付').waitFor()
    await staff.page.close()

    const wang = await signIn(wangFang)
    await wang.page.locator('.home__entry--apply').tap()
    await wang.page.getByText('线下缴费未获确认：未查到该笔转账，请核对后重新申报。').waitFor()
    await wang.page.locator('#fee-offline').tap()
    await wang.page.locator('.fee__note textarea').fill('工商银行转账，流水号 88120001')
    await wang.screenshot('inspection-23-offline-declare')
    await wang.page.locator('#fee-declare').tap()
    await expect.poll(() => wang.page.locator('.apply__fee').last().textContent()).toBe('待确认')
    await expect.poll(() => wang.page.locator('.apply__blocker').allTextContents()).toEqual(['· 会费缴纳情况待所属注协确认，确认后方可申请年检'])
    await wang.screenshot('inspection-24-fee-waiting')
    await wang.page.close()
  })
})

describe("去支付 in the official account's page (WeChat's browser)", () => {
  it('authorizes the member in WeChat first when no official-account WeChat is on file, then pays on the sheet', async () => {
    const li = await aLi()
    const member = await signInAs(env.browser, env.stack, li.account, { userAgent: WECHAT_USER_AGENT })
    const { page } = member
    // WeChat's own bar shows the page's title (document.title): the page draws no second one.
    await expect.poll(() => page.title()).toBe('会员服务')
    expect(await titleBar(page).isVisible()).toBe(false)
    await page.locator('.home__entry--apply').tap()
    await page.locator('#fee-pay').tap()

    // Locally a labelled page stands in for WeChat's silent snsapi_base authorization.
    await page.getByRole('heading', { name: '模拟微信网页授权（本地）' }).waitFor()
    await page.getByLabel('本地微信用户').fill(`li-oa-${Date.now().toString(36)}`)
    await member.screenshot('inspection-40-oa-pay-authorize')
    await page.getByRole('button', { name: '确认授权并返回' }).click()

    // Back on the page, the payment goes on by itself: the official account's order on the simulated sheet.
    const sheet = page.locator('.pay__sim')
    await sheet.getByText('本地模拟 · 非真实支付').waitFor()
    // WeChat's code and state are gone from the address once used.
    expect(new URL(page.url()).search).toBe('')
    await expect.poll(() => sheet.locator('.pay__amount').textContent()).toBe('¥300.00')
    await member.screenshot('inspection-41-oa-pay-sheet')
    await page.locator('#pay-sheet-confirm').tap()
    await expect.poll(() => page.locator('.apply__fee').last().textContent(), { timeout: 15_000 }).toBe('已确认')
    await member.screenshot('inspection-42-oa-paid')
    await page.close()
  })
})
