import { PassThrough } from 'node:stream'
import { config } from '../config'
import type { ExportWorkbooks } from '../ports/exports'
import { FILE_TYPES } from '../ports/files'
import { S3StreamUpload } from './s3-upload'
import { writeXlsx } from './xlsx'

/** RFC 6266 / 5987: an ASCII fallback for old clients, the Chinese name for everyone else. */
const attachment = (fileName: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`

let cached: { endpoint: string | undefined; uploads: S3StreamUpload } | undefined

/** The exports worker's S3 writes (the local runner checks them against the worker's role). */
export function exportUploads(): S3StreamUpload {
  const endpoint = config.s3Endpoint
  if (!cached || cached.endpoint !== endpoint) {
    cached = { endpoint, uploads: new S3StreamUpload({ region: config.region, bucket: config.bucketName, endpoint }) }
  }
  return cached.uploads
}

/**
 * Each workbook goes to S3 in parts as it is written, so a worker's memory stays flat however many
 * rows an export has.
 */
export const s3ExportWorkbooks: ExportWorkbooks = {
  async write(key, fileName, sheet) {
    const body = new PassThrough()
    // The object carries its download name, so any link to it saves it under that name.
    const uploaded = exportUploads().upload(key, body, { contentType: FILE_TYPES.xlsx.mime, contentDisposition: attachment(fileName) })
    // A refused upload stops the writer too, instead of leaving it waiting for room in `body`.
    uploaded.catch((error: Error) => body.destroy(error))
    try {
      await writeXlsx(body, sheet)
    } catch (error) {
      body.destroy(error as Error)
      await uploaded.catch(() => undefined)
      throw error
    }
    await uploaded
  },
}
