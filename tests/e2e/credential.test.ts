import { inspectionYear } from '../support/calendar'
import { putInspection, tokenOf } from '../support/inspections'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { browserStack, chooseUserType, openPhone, typeInto } from '../support/browser'
import { aCicpaStaff, aLocalStaff, aMember } from '../support/builders'
import { scanSavedCode } from '../support/scan'

const env = browserStack()

// A year already decided: the one before the 年检年度 members apply for now.
const lastYear = inspectionYear() - 1

/** 张晓明 of 浙江, whose inspection of last year passed. */
async function aPassedMember() {
  const zhang = await aMember(env.stack.api, { record: { name: '张晓明' } })
  await putInspection(zhang.member, lastYear, 'passed')
  return zhang
}

async function loginAs(phone: Awaited<ReturnType<typeof openPhone>>, account: { userType: string; username: string; password: string }) {
  await phone.page.goto(`${env.stack.webUrl}/`)
  if (account.userType === 'staff') await chooseUserType(phone.page, '协会工作人员')
  await typeInto(phone.page, 'login__username', account.username)
  await typeInto(phone.page, 'login__password', account.password)
  await typeInto(phone.page, 'login__captcha-input', await phone.currentCaptchaAnswer())
  await phone.page.locator('#login-submit').tap()
}

function decodeDataUrl(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data
}

describe('member QR codes', () => {
  it('shows the 年检二维码, saves it, and the code opens a verification page that says 年检通过', async () => {
    const zhang = await aPassedMember()
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await loginAs(phone, zhang.account)
    await page.getByText(`会员编号 ${zhang.member.memberNo}`).waitFor()
    await page.goto(`${env.stack.webUrl}/#/pages/mine/index`)
    await page.locator('.mine__qr').tap()
    await page.getByText(`${lastYear}年度 · 年检通过`).waitFor()
    await expect.poll(() => page.getByText('张**').isVisible()).toBe(true)
    await phone.screenshot('20-inspection-qr')

    const download = page.waitForEvent('download')
    await page.locator('#qr-save').tap()
    expect((await download).suggestedFilename()).toBe(`年检二维码-${lastYear}.png`)

    const src = await page.locator('.qr__image img').getAttribute('src')
    const url = decodeDataUrl(src!)
    expect(url.startsWith(`${env.stack.webUrl}/#/pages/verify/index?t=`)).toBe(true)

    const verifier = await openPhone(env.browser, env.stack.api)
    await verifier.page.goto(url)
    await verifier.page.getByText('二维码有效').waitFor()
    await expect.poll(() => verifier.page.getByText('年检通过').isVisible()).toBe(true)
    await expect.poll(() => verifier.page.getByText('浙江省注册会计师协会').isVisible()).toBe(true)
    expect(await verifier.page.content()).not.toContain(zhang.member.idNumber)
    expect(await verifier.page.content()).not.toContain('张晓明')
    await verifier.screenshot('21-verify-valid')

    const [page_, token] = url.split('?t=') as [string, string]
    const [kid, payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...claims, y: claims.y - 1 })).toString('base64url')
    const tampered = `${page_}?t=${kid}.${forged}.${signature}`
    await verifier.page.goto(tampered)
    await verifier.page.reload()
    await verifier.page.getByText(/^二维码无效/).waitFor()
    await verifier.screenshot('22-verify-invalid')
    await verifier.page.close()
    await page.close()
  })

  it('shows the electronic membership certificate with seal and QR', async () => {
    const zhang = await aPassedMember()
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await loginAs(phone, zhang.account)
    await page.getByText(`会员编号 ${zhang.member.memberNo}`).waitFor()
    await page.goto(`${env.stack.webUrl}/#/pages/mine/index`)
    await page.locator('.mine__card').tap()
    await page.getByText('非执业会员证').waitFor()
    await expect.poll(() => page.locator('.member-card__seal img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
    await phone.screenshot('23-member-card')
    const url = decodeDataUrl((await page.locator('.member-card__qr img').getAttribute('src'))!)
    const verified = await env.stack.api.ok('verify', { query: { t: tokenOf(url) } })
    expect(verified.credential?.result).toBe('会员资格正常')
    await page.close()
  })
})

describe('verification page', () => {
  it('says 二维码无效 for an over-long code without asking the server, and for a request the gateway refuses', async () => {
    const qr = await (await aPassedMember()).ok('inspectionQr')
    const verifier = await openPhone(env.browser, env.stack.api)
    const { page } = verifier
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/verify')) asked.push(request.url())
    })
    await page.goto(`${qr.url}${'A'.repeat(100 * 1024)}`)
    await page.getByText('二维码无效：内容不完整或已被改动').waitFor()
    expect(asked).toEqual([])
    await verifier.screenshot('22a-verify-overlong')

    // An API gateway refuses an oversized request line or header itself, with a bare status.
    await page.route('**/api/v1/verify?**', (route) => route.fulfill({ status: 431, body: '' }))
    await page.goto(`${qr.url.replace('/#/', '/?again#/')}`)
    await page.getByText('二维码无效：内容不完整或已被改动').waitFor()
    expect(await page.getByText('系统繁忙').count()).toBe(0)
    await page.close()
  })

  it('asks the server once, as the page starts, without a session; with a staff session it asks with the staff token', async () => {
    const qr = await (await aPassedMember()).ok('inspectionQr')
    const verifier = await openPhone(env.browser, env.stack.api)
    const asked: { authorized: boolean; kind: string }[] = []
    verifier.page.on('request', (request) => {
      if (request.url().includes('/api/v1/verify')) asked.push({ authorized: 'authorization' in request.headers(), kind: request.resourceType() })
    })
    await verifier.page.goto(qr.url)
    await verifier.page.getByText('二维码有效').waitFor()
    // index.html's preload (an 'other' request, sent before the app starts), taken by the page's fetch.
    expect(asked).toEqual([{ authorized: false, kind: 'other' }])
    await verifier.page.close()

    const staff = await openPhone(env.browser, env.stack.api)
    await loginAs(staff, (await aLocalStaff(env.stack.api, 'ZJ')).account)
    await staff.page.locator('#inbox-scan').waitFor()
    const staffAsked: { authorized: boolean; kind: string }[] = []
    staff.page.on('request', (request) => {
      if (request.url().includes('/api/v1/verify')) staffAsked.push({ authorized: 'authorization' in request.headers(), kind: request.resourceType() })
    })
    // A fresh load, as from a scan in WeChat (not a hash change in the open app): index.html's
    // script runs again and sees the session.
    await staff.page.goto('about:blank')
    await staff.page.goto(qr.url)
    await staff.page.getByText('二维码有效').waitFor()
    await expect.poll(() => staff.page.locator('#verify-open-inspection').isVisible()).toBe(true)
    expect(staffAsked).toEqual([{ authorized: true, kind: 'fetch' }])
    await staff.page.close()
  })
})

describe('staff 扫一扫', () => {
  it("scans a member's code and sees the verification with a link to the member's inspection", async () => {
    const qr = await (await aPassedMember()).ok('inspectionQr')
    const phone = await openPhone(env.browser, env.stack.api)
    const { page } = phone
    await loginAs(phone, (await aLocalStaff(env.stack.api, 'ZJ')).account)
    await page.locator('#inbox-scan').waitFor()
    // In a browser outside WeChat: the scan screen, with the code the member saved to the album.
    await scanSavedCode(page, qr.image)
    await page.getByText('二维码有效').waitFor()
    await expect.poll(() => page.locator('#verify-open-inspection').isVisible()).toBe(true)
    await phone.screenshot('24-staff-scan-verify')
    await page.close()
  })
})

describe('good-standing certificate', () => {
  it('member applies, CICPA staff approve from the inbox, the member downloads the PDF', async () => {
    const wang = await aMember(env.stack.api, { association: 'BJ', hours: 40, fee: '待确认', info: true, record: { name: '王芳' } })
    const member = await openPhone(env.browser, env.stack.api)
    await loginAs(member, wang.account)
    await member.page.getByText(`会员编号 ${wang.member.memberNo}`).waitFor()
    await member.page.goto(`${env.stack.webUrl}/#/pages/mine/index`)
    await member.page.locator('.mine__good-standing').tap()
    await typeInto(member.page, 'gs__name', '王芳')
    await typeInto(member.page, 'gs__purpose', 'Application for ACCA membership')
    await typeInto(member.page, 'gs__addressee', 'ACCA, London')
    await member.page.locator('#gs-submit').tap()
    await member.page.getByText('英文姓名（与护照一致）请使用英文填写').waitFor()
    await typeInto(member.page, 'gs__name', 'WANG Fang')
    await member.page.locator('#gs-submit').tap()
    await member.page.getByText('中注协审批中', { exact: true }).waitFor()
    await member.screenshot('25-good-standing-pending')

    const staff = await openPhone(env.browser, env.stack.api)
    await loginAs(staff, (await aCicpaStaff(env.stack.api)).account)
    await staff.page.locator('.inbox__category--good_standing').tap()
    const item = staff.page.locator('.staff-list__item', { hasText: 'WANG Fang · 北京注册会计师协会' })
    await item.waitFor()
    await staff.screenshot('26a-good-standing-list')
    await item.tap()
    await staff.page.locator('#gs-approve').waitFor()
    await staff.screenshot('26-good-standing-review')
    await staff.page.locator('#gs-approve').tap()
    await staff.page.locator('.taro-modal__foot').getByText('确定').tap()
    await staff.page.getByText('已通过，可下载', { exact: true }).waitFor()

    await member.page.reload()
    await member.page.getByText('已通过，可下载', { exact: true }).waitFor()
    await member.screenshot('27-good-standing-approved')
    const opened = member.page.context().waitForEvent('page')
    await member.page.locator('.good-standing__download').first().tap()
    const pdfPage = await opened
    const memberNo = wang.member.memberNo
    expect(pdfPage.url()).toMatch(new RegExp(`certificates/${memberNo}/GS-${memberNo}-[a-z0-9]+\\.pdf`))
    const pdf = Buffer.from(await (await fetch(pdfPage.url())).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await staff.page.close()
    await member.page.close()
  })
})
