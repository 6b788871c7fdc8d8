import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { browserStack, openPhone, signIn, topPage } from '../support/browser'
import { aMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { putInspection } from '../support/inspections'

const env = browserStack()
const passedYear = inspectionYear() - 2
const returnedYear = inspectionYear() - 1

/** A member with two decided years behind them: one passed, the next returned. */
async function aMemberWithHistory() {
  const built = await aMember(env.stack.api)
  await putInspection(built.member, passedYear, 'passed')
  await putInspection(built.member, returnedYear, 'returned')
  return built
}

function decodeDataUrl(dataUrl: string): string {
  const png = PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data
}

describe('历年年检结果查询 → 【二维码】', () => {
  it("opens an earlier year's QR code from the history list, and the code verifies to that year's result", async () => {
    const zhang = await aMemberWithHistory()
    const phone = await signIn(env.browser, env.stack, zhang.account)
    const { page } = phone
    await page.locator('.home__entry--history').tap()
    const passedCard = page.locator('.history__item', { hasText: `${passedYear}年度` })
    await passedCard.getByText('年检通过').waitFor()
    await expect.poll(() => page.locator('.history__item .history__qr').count()).toBe(2)
    await phone.screenshot('inspection-qr-01-history')

    await passedCard.locator('.history__qr').tap()
    await page.getByText(`${passedYear}年度 · 年检通过`).waitFor()
    await expect.poll(() => topPage(page).locator('.qr__image img').getAttribute('src')).toMatch(/^data:image\/png/)
    await phone.screenshot('inspection-qr-02-past-year')
    const url = decodeDataUrl((await topPage(page).locator('.qr__image img').getAttribute('src'))!)

    const verifier = await openPhone(env.browser, env.stack.api)
    await verifier.page.goto(url)
    await verifier.page.getByText('二维码有效', { exact: true }).waitFor()
    await expect.poll(() => verifier.page.getByText(`${passedYear}年度`).isVisible()).toBe(true)
    await expect.poll(() => verifier.page.getByText('年检通过').isVisible()).toBe(true)
    expect(await verifier.page.content()).not.toContain(zhang.member.idNumber)
    await verifier.screenshot('inspection-qr-03-verify-past-year')
    await verifier.page.close()

    // The other year's code says that year's (different) result: the list did not just reuse the latest.
    await page.goBack()
    await page
      .locator('.history__item', { hasText: `${returnedYear}年度` })
      .locator('.history__qr')
      .tap()
    await page.getByText(`${returnedYear}年度 · 地方注协退回`).waitFor()
    await page.close()
  })

  it('offers the same 【二维码】 on a year’s detail page (查看)', async () => {
    const zhang = await aMemberWithHistory()
    const phone = await signIn(env.browser, env.stack, zhang.account)
    const { page } = phone
    await page.goto(`${env.stack.webUrl}/#/subpackages/inspection/detail/index?id=${zhang.member.memberNo}-${passedYear}`)
    await page.locator('#detail-qr').tap()
    await page.getByText(`${passedYear}年度 · 年检通过`).waitFor()
    await page.close()
  })
})
