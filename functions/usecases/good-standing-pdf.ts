import dayjs from 'dayjs'
import { formatChinaDate } from '../../shared/china-time'
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib'
import type { GoodStandingApplication } from '../../shared/api/credential-schemas'

/**
 * 会员资格良好存续证明（英文版）: one A4 page in English, with the membership QR a foreign body can
 * scan to check the member's standing today rather than on the day of printing.
 */
export async function goodStandingPdf(
  application: GoodStandingApplication & { joinDate: string },
  qrPng: Uint8Array,
  verifyUrl: string,
  now: Date,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle('Certificate of Good Standing')
  pdf.setAuthor('The Chinese Institute of Certified Public Accountants')
  const page = pdf.addPage([595.28, 841.89])
  const regular = await pdf.embedFont(StandardFonts.TimesRoman)
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold)
  const navy = rgb(0.11, 0.31, 0.57)
  const margin = 64
  let y = 760

  const centred = (text: string, size: number, font = bold, color = navy) => {
    page.drawText(text, { x: (595.28 - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color })
  }
  /** Draws a paragraph wrapped to the page width. */
  const paragraph = (text: string, size = 12.5, font = regular) => {
    const words = text.split(' ')
    let line = ''
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) > 595.28 - 2 * margin) {
        page.drawText(line, { x: margin, y, size, font })
        y -= size * 1.6
        line = word
      } else {
        line = candidate
      }
    }
    if (line) page.drawText(line, { x: margin, y, size, font })
    y -= size * 2.4
  }

  centred('The Chinese Institute of Certified Public Accountants', 16)
  y -= 36
  centred('CERTIFICATE OF GOOD STANDING', 22)
  y -= 56
  // The day in Beijing, where it was issued, not the server's UTC day.
  const issued = dayjs(formatChinaDate(application.decidedAt ?? now.toISOString())).format('D MMMM YYYY')
  paragraph(`To: ${application.addressee}`)
  paragraph(
    `This is to certify that ${application.englishName}, member number ${application.memberNo}, has been a non-practising member of ` +
      `the Chinese Institute of Certified Public Accountants (CICPA) since ${dayjs(application.joinDate).format('D MMMM YYYY')}, and is a member in good standing ` +
      `as of ${issued}.`,
  )
  paragraph(`This certificate is issued at the request of the member for the purpose of: ${application.purpose}.`)
  paragraph(`Certificate number: ${application.id}`)

  const qr = await pdf.embedPng(qrPng)
  const qrSize = 132
  page.drawImage(qr, { x: margin, y: y - qrSize, width: qrSize, height: qrSize })
  page.drawText('Scan to verify the current standing of this member:', { x: margin + qrSize + 16, y: y - 40, size: 10.5, font: regular })
  const shortUrl = verifyUrl.length > 70 ? `${verifyUrl.slice(0, 70)}...` : verifyUrl
  page.drawText(shortUrl, { x: margin + qrSize + 16, y: y - 58, size: 8, font: regular, color: rgb(0.35, 0.35, 0.35) })
  y -= qrSize + 48
  page.drawText('Registration Department', { x: 595.28 - margin - 180, y, size: 12.5, font: bold })
  y -= 18
  page.drawText('The Chinese Institute of Certified Public Accountants', { x: 595.28 - margin - 300, y, size: 11, font: regular })
  y -= 16
  page.drawText(`Issued on ${issued}`, { x: 595.28 - margin - 180, y, size: 11, font: regular })
  return pdf.save()
}
