import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { strToU8, Zip, ZipDeflate } from 'fflate'
import type { SheetColumn, SheetRow } from '../ports/exports'

/**
 * One-sheet .xlsx files (Office Open XML, ECMA-376), written as the rows arrive: each batch of rows
 * is deflated into the zip (fflate) and handed to `out` at once, waiting whenever `out` is behind,
 * so memory stays flat however many rows an export has. An export is one table with a bold,
 * frozen header row and set column widths; that is all this writes. exceljs did the same but cost
 * the worker ~100 ms of cold start to load (readers, CSV, styles it never used).
 */
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC_RELS}/styles" Target="styles.xml"/></Relationships>`
/** Style 0 is the default cell, style 1 the header's bold font (fills 0 and 1 are required by Excel). */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
const BOLD = 1

/** Excel refuses a sheet name over 31 characters or with any of : \ / ? * [ ]. */
const SHEET_NAME = /^[^:\\/?*[\]]{1,31}$/

/** Characters XML 1.0 cannot carry at all: left in, they make the whole file unreadable. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const xmlText = (text: string) => text.replace(NOT_XML, '').replace(/[&<>"]/g, (char) => ESCAPES[char]!)

const columnNames: string[] = []

/** A, B, … Z, AA, AB, …: the column part of a cell reference, worked out once per column, not per cell. */
function columnName(index: number): string {
  if (columnNames[index] === undefined) {
    let name = ''
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
    columnNames[index] = name
  }
  return columnNames[index]
}

function cell(ref: string, value: string | number, style: number): string {
  const styled = style ? ` s="${style}"` : ''
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${styled}><v>${value}</v></c>`
  // Inline strings need no shared-strings table, which would have to be held until the end.
  return `<c r="${ref}"${styled} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(value))}</t></is></c>`
}

function row(number: number, values: SheetRow, style = 0): string {
  return `<row r="${number}">${values.map((value, column) => cell(`${columnName(column)}${number}`, value, style)).join('')}</row>`
}

/** Rows are deflated in batches of about this many characters of XML. */
const BATCH_CHARS = 64 * 1024

export async function writeXlsx(out: Writable, sheet: { name: string; columns: readonly SheetColumn[]; rows: AsyncIterable<SheetRow> }): Promise<void> {
  if (!SHEET_NAME.test(sheet.name)) throw new Error(`not a sheet name Excel accepts: ${sheet.name}`)
  let failure: Error | null = null
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error
    else out.write(chunk)
    if (final) out.end()
  })
  const part = (filename: string, xml: string) => {
    const file = new ZipDeflate(filename)
    zip.add(file)
    file.push(strToU8(xml), true)
  }
  part('[Content_Types].xml', CONTENT_TYPES)
  part('_rels/.rels', PACKAGE_RELS)
  part(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${DOC_RELS}"><sheets><sheet name="${xmlText(sheet.name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  )
  part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)
  part('xl/styles.xml', STYLES)

  const worksheet = new ZipDeflate('xl/worksheets/sheet1.xml')
  zip.add(worksheet)
  const widths = sheet.columns.map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${column.width}" customWidth="1"/>`).join('')
  let batch =
    `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${DOC_RELS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<cols>${widths}</cols><sheetData>${row(
      1,
      sheet.columns.map((column) => column.header),
      BOLD,
    )}`
  let written = 1
  for await (const values of sheet.rows) {
    batch += row(++written, values)
    if (batch.length < BATCH_CHARS) continue
    worksheet.push(strToU8(batch))
    batch = ''
    if (failure) throw failure
    if (out.destroyed) throw out.errored ?? new Error('the workbook’s output was closed')
    if (out.writableNeedDrain) await once(out, 'drain')
  }
  worksheet.push(strToU8(`${batch}</sheetData></worksheet>`), true)
  zip.end()
  if (failure) throw failure
}
