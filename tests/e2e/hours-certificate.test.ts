import { mkdirSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { browserStack, openPhone, signIn, topPage } from '../support/browser'
import { aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { qrOfPdf } from '../support/pdf-qr'

const env = browserStack()

/** The year the builders credit hours in. */
const year = inspectionYear()

describe('学时证明', () => {
  it('downloads from 学时查询, and its QR opens a verification page with the year’s hours by source', async () => {
    const zhang = await aMember(env.stack.api, {
      record: { name: '张晓明' },
      hours: [
        { source: 'online', hours: 30, title: '国家会计学院 网络课程' },
        { source: 'output', hours: 8, title: '发表专业文章' },
      ],
    })
    const phone = await signIn(env.browser, env.stack, zhang.account)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/#/subpackages/education/hours/index?year=${year}`)
    const download = topPage(page).locator('#hours-certificate')
    await expect.poll(() => download.textContent()).toBe(`下载${year}年度学时证明（PDF）`)
    await phone.screenshot('hours-certificate-01-hours-page')

    const opened = page.context().waitForEvent('page')
    await download.tap()
    const pdfPage = await opened
    expect(pdfPage.url()).toContain(`certificates/${zhang.member.memberNo}/hours-${year}.pdf`)
    const pdf = Buffer.from(await (await fetch(pdfPage.url())).arrayBuffer())
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // Kept beside the screenshots for a look (pdftoppm -png -r 80 test-results/hours-certificate.pdf …).
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/hours-certificate.pdf', pdf)
    await pdfPage.close()

    const url = await qrOfPdf(pdf)
    expect(url.startsWith(`${env.stack.webUrl}/#/pages/verify/index?t=`)).toBe(true)
    const verifier = await openPhone(env.browser, env.stack.api)
    await verifier.page.goto(url)
    await verifier.page.getByText(`二维码有效，但${year}年度学时未达要求，尚需2学时`).waitFor()
    const hours = verifier.page.getByTestId('verify-hours')
    for (const [title, value] of [
      ['在线学习', '30 学时'],
      ['产出式学时', '8 学时'],
      ['已完成学时', '38 学时'],
      ['应完成学时', '40 学时'],
      ['尚需学时', '2 学时'],
    ]) {
      await expect.poll(() => hours.locator('.verify__row', { hasText: title }).locator('.verify__row-value').textContent()).toBe(value)
    }
    await expect.poll(() => verifier.page.getByText('张**').isVisible()).toBe(true)
    await expect.poll(() => verifier.page.getByText(`${year}年度`, { exact: true }).isVisible()).toBe(true)
    const content = await verifier.page.content()
    for (const secret of [zhang.member.idNumber, '张晓明', zhang.member.memberNo]) expect(content).not.toContain(secret)
    await verifier.screenshot('hours-certificate-02-verify')
    await verifier.page.close()
    await page.close()
  })
})
