import { PDFDocument } from 'pdf-lib'
import { describe, expect } from 'vitest'
import { clock } from '../../functions/adapters/clock'
import { signCredential } from '../../functions/auth/qr-signing'
import type { SignedMember } from '../support/builders'
import { inspectionYear } from '../support/calendar'
import { test as base } from '../support/fixtures'
import { tokenOf } from '../support/inspections'
import { qrOfPdf } from '../support/pdf-qr'

/** The year the builders credit hours in. */
const year = inspectionYear()

async function downloaded(member: SignedMember, wanted = year) {
  const file = await member.ok('hoursCertificate', { query: { year: String(wanted) } })
  const response = await fetch(file.url)
  expect(response.status).toBe(200)
  const pdf = Buffer.from(await response.arrayBuffer())
  return { file, pdf }
}

const test = base.extend<{ zhang: SignedMember }>({
  /** 30 online and 8 output-based hours: 2 short of the year's 40. */
  zhang: async ({ aMember }, use) =>
    use(
      await aMember({
        record: { name: '张晓明' },
        hours: [
          { source: 'online', hours: 30, title: '国家会计学院 网络课程' },
          { source: 'output', hours: 8, title: '发表专业文章' },
        ],
      }),
    ),
})

describe('学时证明', () => {
  test('is a PDF whose QR opens the verification of that year, showing the hours by source and the name masked', async ({ stack, zhang }) => {
    const { file, pdf } = await downloaded(zhang)
    expect(file.fileName).toBe(`学时证明-${year}年度-${zhang.member.memberNo}.pdf`)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const document = await PDFDocument.load(pdf)
    expect(document.getTitle()).toBe(`学时证明（${year}年度）`)
    expect(document.getPageCount()).toBe(1)
    // The Chinese font goes in as the subset drawn, not its 10 MB.
    expect(pdf.length).toBeLessThan(200_000)

    const url = await qrOfPdf(pdf)
    expect(url).toContain('#/pages/verify/index?t=')
    const verified = await stack.api.ok('verify', { query: { t: tokenOf(url) } })
    expect(verified).toMatchObject({
      genuine: true,
      headline: `二维码有效，但${year}年度学时未达要求，尚需2学时`,
      credential: {
        kind: 'hours',
        nameMasked: '张**',
        association: '浙江省注册会计师协会',
        year,
        inGoodStanding: false,
        hours: {
          required: 40,
          done: 38,
          missing: 2,
          exempted: 0,
          bySource: [
            { label: '在线学习', hours: 30 },
            { label: '产出式学时', hours: 8 },
            { label: '减免学时', hours: 0 },
          ],
        },
      },
    })
    const text = JSON.stringify(verified)
    const { idNumber, phone, name } = zhang.member
    for (const secret of [idNumber, phone!, name, '国家会计学院 网络课程']) expect(text).not.toContain(secret)
  })

  test('verifies what the year holds when scanned: hours credited after printing count', async ({ stack, aMember }) => {
    const met = await aMember({ hours: 40 })
    const t = tokenOf(await qrOfPdf((await downloaded(met)).pdf))
    expect((await stack.api.ok('verify', { query: { t } })).credential).toMatchObject({
      result: `${year}年度学时已达要求`,
      inGoodStanding: true,
      hours: { done: 40, missing: 0 },
    })
  })

  test('refuses a tampered or expired code', async ({ stack, zhang, member: someoneElse }) => {
    const token = tokenOf(await qrOfPdf((await downloaded(zhang)).pdf))
    const [kid, payload, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    for (const change of [{ m: someoneElse.member.memberNo }, { y: year - 1 }, { typ: 'membership' }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')
      const answer = await stack.api.ok('verify', { query: { t: `${kid}.${forged}.${signature}` } })
      expect(answer).toMatchObject({ genuine: false, headline: '二维码无效：签名校验失败，内容可能被篡改', credential: null })
    }

    const now = Math.floor(clock.now().getTime() / 1000)
    const expired = signCredential({ typ: 'hours', m: zhang.member.memberNo, y: year, iat: now - 400 * 86_400, exp: now - 1 })
    expect(await stack.api.ok('verify', { query: { t: expired } })).toMatchObject({
      genuine: false,
      headline: '二维码无效：二维码已过期，请会员重新出示',
      credential: null,
    })
    // An hours code must name its year; one without is not ours.
    const yearless = signCredential({ typ: 'hours', m: zhang.member.memberNo, iat: now, exp: now + 86_400 })
    expect(await stack.api.ok('verify', { query: { t: yearless } })).toMatchObject({ genuine: false, headline: '二维码无效：内容不完整或已被改动' })
  })

  test("is only ever of the caller's own hours, for a year that has begun, and only for members", async ({ stack, zhang, aMember, localStaff }) => {
    const other = await aMember({ record: { name: '李华' }, hours: 12 })
    // A member number in the request is no way into another member's year: the session decides.
    const answer = await other.ok('hoursCertificate', { query: { year: String(year), memberNo: zhang.member.memberNo } as never })
    expect(new URL(answer.url).pathname).toContain(`/certificates/${other.member.memberNo}/hours-${year}.pdf`)
    expect(answer.url).not.toContain(zhang.member.memberNo)
    const verified = await stack.api.ok('verify', {
      query: { t: tokenOf(await qrOfPdf(Buffer.from(await (await fetch(answer.url)).arrayBuffer()))) },
    })
    expect(verified.credential).toMatchObject({ nameMasked: '李*', hours: { done: 12, missing: 28 } })

    const future = await zhang.refused('hoursCertificate', { query: { year: String(year + 2) } })
    expect(future.status).toBe(400)
    expect(future.body.fieldErrors?.year).toBe(`年度：${year + 2}年度尚未开始，不能出具学时证明`)
    const garbled = await zhang.refused('hoursCertificate', { query: { year: 'abc' } })
    expect(garbled.status).toBe(400)
    expect(garbled.body.message).toContain('年度')

    expect((await localStaff.call('hoursCertificate', { query: { year: String(year) } })).status).toBe(403)
    expect((await stack.api.call('hoursCertificate', { query: { year: String(year) } })).status).toBe(401)
  })
})
