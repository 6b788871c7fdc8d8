import { createHash, randomBytes } from 'node:crypto'
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { s3 } from '../../functions/adapters/s3'
import { PART_BYTES, S3StreamUpload, type S3UploadOperation } from '../../functions/adapters/s3-upload'
import { config } from '../../functions/config'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(() => stack?.stop())

/** An uploader on the local S3 engine that records the requests it makes. */
function recordingUploader(bucket = config.bucketName) {
  const operations: S3UploadOperation[] = []
  const uploads = new S3StreamUpload({ region: config.region, bucket, endpoint: config.s3Endpoint })
  uploads.intercept(async ({ operation }, proceed) => {
    operations.push(operation)
    return proceed()
  })
  return { uploads, operations }
}

/** `bytes` handed over in 64 KiB pieces, as a stream would; `failAfter` throws once that much has gone. */
async function* pieces(bytes: Buffer, failAfter = Number.POSITIVE_INFINITY): AsyncIterable<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
    if (offset >= failAfter) throw new Error('the workbook could not be written')
    yield bytes.subarray(offset, offset + 64 * 1024)
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function stored(key: string) {
  const object = await s3().send(new GetObjectCommand({ Bucket: config.bucketName, Key: key }))
  return { bytes: await object.Body!.transformToByteArray(), contentType: object.ContentType, contentDisposition: object.ContentDisposition }
}

describe('S3 uploads of unknown length (the exports worker)', () => {
  const headers = {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentDisposition: "attachment; filename*=UTF-8''%E5%AF%BC%E5%87%BA.xlsx",
  }

  it('writes a body that fits one part with a single PutObject, headers kept', async () => {
    const { uploads, operations } = recordingUploader()
    const body = randomBytes(200 * 1024)
    await uploads.upload('exports/s3-upload-small.xlsx', pieces(body), headers)
    expect(operations).toEqual(['PutObject'])
    const object = await stored('exports/s3-upload-small.xlsx')
    expect(sha256(object.bytes)).toBe(sha256(body))
    expect(object).toMatchObject({ contentType: headers.contentType, contentDisposition: headers.contentDisposition })
  })

  it('writes a longer body as a multipart upload, part by part, the object whole', async () => {
    const { uploads, operations } = recordingUploader()
    const body = randomBytes(2 * PART_BYTES + 1024 * 1024)
    await uploads.upload('exports/s3-upload-large.xlsx', pieces(body), headers)
    expect(operations).toEqual(['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload'])
    const object = await stored('exports/s3-upload-large.xlsx')
    expect(object.bytes.length).toBe(body.length)
    expect(sha256(object.bytes)).toBe(sha256(body))
    expect(object.contentDisposition).toBe(headers.contentDisposition)
  })

  it('aborts the multipart upload when the body fails, leaving no object and no parts', async () => {
    const { uploads, operations } = recordingUploader()
    const key = 'exports/s3-upload-failed.xlsx'
    await expect(uploads.upload(key, pieces(randomBytes(2 * PART_BYTES), PART_BYTES + 64 * 1024), headers)).rejects.toThrow('the workbook could not be written')
    expect(operations).toEqual(['CreateMultipartUpload', 'UploadPart', 'AbortMultipartUpload'])
    await expect(s3().send(new HeadObjectCommand({ Bucket: config.bucketName, Key: key }))).rejects.toMatchObject({ name: 'NotFound' })
    const open = await s3().send(new ListMultipartUploadsCommand({ Bucket: config.bucketName, Prefix: key }))
    expect(open.Uploads ?? []).toEqual([])
  })

  it('reports what S3 refused by its code', async () => {
    const { uploads } = recordingUploader('no-such-bucket-for-exports')
    await expect(uploads.upload('exports/x.xlsx', pieces(Buffer.from('x')), headers)).rejects.toMatchObject({ name: 'NoSuchBucket' })
  })
})
