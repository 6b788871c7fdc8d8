import { randomBytes } from 'node:crypto'
import { PassThrough, Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { SheetRow } from '../../functions/ports/exports'
import { writeXlsx } from '../../functions/adapters/xlsx'

async function* rowsOf(rows: SheetRow[]): AsyncIterable<SheetRow> {
  yield* rows
}

async function written(sheet: Parameters<typeof writeXlsx>[1]): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise((done) => out.on('end', done))
  await writeXlsx(out, sheet)
  await ended
  return Buffer.concat(chunks)
}

describe('the .xlsx writer of exports', () => {
  it('writes a sheet Excel reads back: values, numbers as numbers, a bold frozen header, column widths', async () => {
    const file = await written({
      name: '会员学时',
      columns: [
        { header: '会员编号', width: 14 },
        { header: '姓名', width: 10 },
        { header: '学时', width: 8 },
      ],
      rows: rowsOf([
        ['110000010001', '张三', 24.5],
        ['110000010002', 'A & B <Co> "x"', 0],
        ['110000010003', '  前后空格  ', 40],
        ['110000010004', 'bell\u0007gone', 12],
      ]),
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(file).buffer)
    const sheet = workbook.getWorksheet('会员学时')!
    const rows: ExcelJS.CellValue[][] = []
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)))
    expect(rows).toEqual([
      ['会员编号', '姓名', '学时'],
      ['110000010001', '张三', 24.5],
      ['110000010002', 'A & B <Co> "x"', 0],
      ['110000010003', '  前后空格  ', 40],
      ['110000010004', 'bellgone', 12],
    ])
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy()
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.columns.map((column) => column.width)).toEqual([14, 10, 8])
  })

  it('waits for a slow reader instead of holding the file in memory', async () => {
    const rowCount = 20_000
    // Random text barely compresses, so the file is large enough to overrun the reader many times.
    const rows = Array.from({ length: rowCount }, (_, index): SheetRow => [index, randomBytes(24).toString('base64'), randomBytes(24).toString('base64')])
    let received = 0
    let mostBuffered = 0
    // What the reader holds unread, seen each time it takes the next chunk.
    const slowReader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        mostBuffered = Math.max(mostBuffered, this.writableLength)
        received += chunk.length
        setImmediate(done)
      },
    })
    const finished = new Promise((done) => slowReader.on('finish', done))
    await writeXlsx(slowReader, {
      name: 'rows',
      columns: [
        { header: 'n', width: 8 },
        { header: 'a', width: 40 },
        { header: 'b', width: 40 },
      ],
      rows: rowsOf(rows),
    })
    await finished
    expect(received).toBeGreaterThan(1024 * 1024)
    expect(mostBuffered).toBeLessThan(256 * 1024)
  })

  it('refuses a sheet name Excel would not open', async () => {
    await expect(written({ name: '年检/结果', columns: [], rows: rowsOf([]) })).rejects.toThrow(/sheet name/)
  })
})
