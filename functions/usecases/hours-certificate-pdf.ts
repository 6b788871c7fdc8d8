import fontkit from 'fontkit'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { HoursReport } from '../../shared/api/hours-schemas'
import { formatChinaDate } from '../../shared/china-time'
import { REQUIRED_HOURS_PER_YEAR } from '../../shared/hours'

export interface HoursCertificateContent extends HoursReport {
  name: string
  memberNo: string
  association: string
}

const PAGE = { width: 595.28, height: 841.89 }
const MARGIN = 64
const NAVY = rgb(0.11, 0.31, 0.57)
const GREY = rgb(0.4, 0.4, 0.4)
const RULE = rgb(0.75, 0.78, 0.83)
/** The QR block at the foot of the page; the record list stops above it. */
const FOOT_TOP = 200

/** Breaks text wherever a character would cross the width: Chinese has no spaces to break at. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const char of Array.from(text)) {
    if (line && font.widthOfTextAtSize(line + char, size) > width) {
      lines.push(line)
      line = ''
    }
    line += char
  }
  return line ? [...lines, line] : lines
}

function clipped(text: string, font: PDFFont, size: number, width: number): string {
  const [first = '', ...rest] = wrap(text, font, size, width - font.widthOfTextAtSize('…', size))
  return rest.length ? `${first}…` : first
}

/**
 * 学时证明: one A4 page in Chinese — the year's hours by source against its requirement, the records
 * behind them as far as the page holds, and the QR whose page shows the year's hours as they stand
 * when scanned. Never the ID number.
 */
export async function hoursCertificatePdf(
  content: HoursCertificateContent,
  draw: { font: Uint8Array; qrPng: Uint8Array; verifyUrl: string; now: Date },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  pdf.setTitle(`学时证明（${content.year}年度）`)
  pdf.setAuthor('中国注册会计师协会')
  // Only the glyphs drawn are embedded: a few dozen KB instead of the font's 10 MB.
  const font = await pdf.embedFont(draw.font, { subset: true })
  const page = pdf.addPage([PAGE.width, PAGE.height])
  const inner = PAGE.width - 2 * MARGIN
  let y = 770

  const text = (value: string, x: number, size: number, color = rgb(0, 0, 0), at = y) => page.drawText(value, { x, y: at, size, font, color })
  const centred = (value: string, size: number, color = NAVY) => text(value, (PAGE.width - font.widthOfTextAtSize(value, size)) / 2, size, color)
  const rule = (at: number) => page.drawLine({ start: { x: MARGIN, y: at }, end: { x: PAGE.width - MARGIN, y: at }, thickness: 0.6, color: RULE })

  centred('中国注册会计师协会', 14)
  y -= 40
  centred('继续教育学时证明', 24)
  y -= 26
  centred(`（${content.year}年度）`, 13, GREY)
  y -= 40
  for (const line of wrap(
    `兹证明 ${content.name}（会员编号 ${content.memberNo}，${content.association}）${content.year}年度继续教育学时情况如下：`,
    font,
    12.5,
    inner,
  )) {
    text(line, MARGIN, 12.5)
    y -= 22
  }
  y -= 6

  const exempted = content.exempted > 0 ? [{ label: `减免学时（年度要求${REQUIRED_HOURS_PER_YEAR}学时中扣除）`, value: content.exempted }] : []
  const rows = [
    ...content.bySource.filter((source) => source.source !== 'exemption').map((source) => ({ label: source.label, value: source.hours })),
    { label: '已完成学时合计', value: content.done },
    ...exempted,
    { label: '本年度应完成学时', value: content.required },
    { label: '尚需学时', value: content.missing },
  ]
  rule(y + 14)
  for (const row of rows) {
    text(row.label, MARGIN + 8, 12)
    const value = `${row.value} 学时`
    text(value, PAGE.width - MARGIN - 8 - font.widthOfTextAtSize(value, 12), 12)
    y -= 24
    rule(y + 14)
  }
  y -= 10
  const verdict = content.missing > 0 ? `截至出具之日，尚需 ${content.missing} 学时方达到本年度要求。` : '已达到本年度继续教育学时要求。'
  text(verdict, MARGIN, 13, content.missing > 0 ? rgb(0.7, 0.35, 0) : rgb(0.1, 0.5, 0.2))
  y -= 36

  text('学时明细', MARGIN, 12, NAVY)
  y -= 20
  const records = content.records
  const room = Math.max(0, Math.floor((y - FOOT_TOP) / 18))
  const shown = records.length > room ? records.slice(0, room - 1) : records
  if (records.length === 0) text('本年度暂无学时记录。', MARGIN + 8, 10.5, GREY)
  for (const record of shown) {
    const hours = record.source === 'exemption' ? `减免 ${record.hours}` : `+${record.hours}`
    text(formatChinaDate(record.at), MARGIN + 8, 10)
    text(clipped(record.title, font, 10, inner - 190), MARGIN + 88, 10)
    text(hours, PAGE.width - MARGIN - 8 - font.widthOfTextAtSize(hours, 10), 10)
    y -= 18
  }
  if (shown.length < records.length) text(`另有 ${records.length - shown.length} 条记录，见小程序“学时查询”。`, MARGIN + 8, 10, GREY)

  await drawFoot(page, pdf, font, draw)
  return pdf.save()
}

async function drawFoot(page: PDFPage, pdf: PDFDocument, font: PDFFont, draw: { qrPng: Uint8Array; verifyUrl: string; now: Date }) {
  const qr = await pdf.embedPng(draw.qrPng)
  const size = 120
  const bottom = 64
  page.drawImage(qr, { x: MARGIN, y: bottom, width: size, height: size })
  const x = MARGIN + size + 18
  const line = (value: string, at: number, fontSize: number, color = rgb(0, 0, 0)) => page.drawText(value, { x, y: bottom + at, size: fontSize, font, color })
  line('扫码核验：显示该会员本年度学时的实时情况', 92, 11)
  line(draw.verifyUrl.length > 64 ? `${draw.verifyUrl.slice(0, 64)}…` : draw.verifyUrl, 74, 7.5, GREY)
  line('中国注册会计师协会', 40, 12.5, NAVY)
  // The day in Beijing, where it is issued, not the server's UTC day.
  line(`出具日期：${formatChinaDate(draw.now.toISOString())}`, 20, 11)
  line('本证明由会员服务系统生成，以扫码核验结果为准。', 2, 9, GREY)
}
