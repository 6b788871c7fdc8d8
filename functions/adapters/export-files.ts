import { PassThrough } from 'node:stream'
import { Upload } from '@aws-sdk/lib-storage'
import ExcelJS from 'exceljs'
import { config } from '../config'
import type { ExportWorkbooks } from '../ports/exports'
import { FILE_TYPES } from '../ports/files'
import { s3 } from './s3'

/** RFC 6266 / 5987: an ASCII fallback for old clients, the Chinese name for everyone else. */
const attachment = (fileName: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`

/**
 * Workbooks written with exceljs's streaming writer: each row is serialised and handed to the zip
 * stream when committed, and the zip goes to S3 in parts as it is produced (lib-storage), so a
 * worker's memory stays flat however many rows an export has.
 */
export const s3ExportWorkbooks: ExportWorkbooks = {
  async write(key, fileName, sheet) {
    const body = new PassThrough()
    const upload = new Upload({
      client: s3(),
      // The object carries its download name, so any link to it saves it under that name.
      params: { Bucket: config.bucketName, Key: key, Body: body, ContentType: FILE_TYPES.xlsx.mime, ContentDisposition: attachment(fileName) },
    })
    const uploaded = upload.done()
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useStyles: true, useSharedStrings: false })
      const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
      worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width }))
      worksheet.getRow(1).font = { bold: true }
      worksheet.getRow(1).commit()
      for await (const row of sheet.rows) worksheet.addRow([...row]).commit()
      worksheet.commit()
      await workbook.commit()
      await uploaded
    } catch (error) {
      body.destroy()
      await upload.abort()
      await uploaded.catch(() => undefined)
      throw error
    }
  },
}
