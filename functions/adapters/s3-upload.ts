import { type AwsAnswer, type AwsEndpoint, awsEndpoint, type Interceptor, Interceptors, isNetworkFault, signedRequest, withRetries } from './aws-request'

/**
 * Writes an object of unknown length to S3 as it is produced, on S3's documented REST API (signed
 * by ./aws-request): the exports worker's one use of S3, on every run, where requiring the SDK's
 * client and lib-storage would cost its cold start ≈ 50 ms. Up to one part is held in memory: a
 * body that fits in one part is a single PutObject, a longer one a multipart upload, aborted if
 * anything fails so no part is left behind (and billed).
 */
export type S3UploadOperation = 'PutObject' | 'CreateMultipartUpload' | 'UploadPart' | 'CompleteMultipartUpload' | 'AbortMultipartUpload'

export interface S3UploadCall {
  operation: S3UploadOperation
  key: string
}

/** S3's smallest part is 5 MiB (all but the last); 8 MiB makes fewer requests, still one part in memory. */
export const PART_BYTES = 8 * 1024 * 1024

/** An error S3 answered, named by its code as the SDK names it (`NoSuchBucket`, `AccessDenied`, …). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(message || code)
    this.name = code
  }
}

const xmlField = (xml: string, field: string) => xml.match(new RegExp(`<${field}>([^<]*)</${field}>`))?.[1]

/** What the SDK retries for S3: its server faults (SlowDown is a 503), a request timed out, a dropped connection. */
const retryable = (error: unknown) => (error instanceof S3Error ? error.status >= 500 || error.name === 'RequestTimeout' : isNetworkFault(error))

export class S3StreamUpload {
  private readonly interceptors = new Interceptors<S3UploadCall, AwsAnswer>()
  private readonly endpoint: AwsEndpoint
  /** The bucket's place in the path: path-style on a local endpoint, virtual-hosted on AWS. */
  private readonly bucketPath: string

  constructor(options: { region: string; bucket: string; endpoint?: string }) {
    this.endpoint = awsEndpoint('s3', options.region, options.endpoint, (domain) => `${options.bucket}.s3.${options.region}.${domain}`)
    this.bucketPath = options.endpoint ? `/${encodeURIComponent(options.bucket)}` : ''
  }

  intercept(interceptor: Interceptor<S3UploadCall, AwsAnswer>): void {
    this.interceptors.add(interceptor)
  }

  async upload(key: string, body: AsyncIterable<Uint8Array>, headers: { contentType: string; contentDisposition?: string }): Promise<void> {
    const objectHeaders: Record<string, string> = { 'Content-Type': headers.contentType }
    if (headers.contentDisposition) objectHeaders['Content-Disposition'] = headers.contentDisposition
    let pending: Buffer[] = []
    let pendingBytes = 0
    let uploadId: string | undefined
    const parts: string[] = []
    try {
      for await (const chunk of body) {
        pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        pendingBytes += chunk.byteLength
        if (pendingBytes < PART_BYTES) continue
        uploadId ??= await this.createMultipartUpload(key, objectHeaders)
        parts.push(await this.uploadPart(key, uploadId, parts.length + 1, Buffer.concat(pending)))
        pending = []
        pendingBytes = 0
      }
      if (uploadId === undefined) {
        await this.call('PutObject', key, { method: 'PUT', query: '', headers: objectHeaders, body: Buffer.concat(pending) })
        return
      }
      if (pendingBytes > 0) parts.push(await this.uploadPart(key, uploadId, parts.length + 1, Buffer.concat(pending)))
      const list = parts.map((etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')
      await this.call('CompleteMultipartUpload', key, {
        method: 'POST',
        query: `?uploadId=${encodeURIComponent(uploadId)}`,
        headers: { 'Content-Type': 'application/xml' },
        body: `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${list}</CompleteMultipartUpload>`,
      })
    } catch (error) {
      if (uploadId !== undefined) {
        const abort = { method: 'DELETE', query: `?uploadId=${encodeURIComponent(uploadId)}`, headers: {} }
        // The upload's own failure is what the caller must hear about, not a failed clean-up.
        await this.call('AbortMultipartUpload', key, abort).catch(() => undefined)
      }
      throw error
    }
  }

  private async createMultipartUpload(key: string, headers: Record<string, string>): Promise<string> {
    const answer = await this.call('CreateMultipartUpload', key, { method: 'POST', query: '?uploads', headers })
    const uploadId = xmlField(answer.body.toString('utf8'), 'UploadId')
    if (!uploadId) throw new S3Error(answer.status, 'InvalidResponse', 'CreateMultipartUpload answered without an UploadId')
    return uploadId
  }

  private async uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
    const answer = await this.call('UploadPart', key, {
      method: 'PUT',
      query: `?partNumber=${partNumber}&uploadId=${encodeURIComponent(uploadId)}`,
      // Unset, aws4 would label the part a urlencoded form, which a server may parse away.
      headers: { 'Content-Type': 'application/octet-stream' },
      body,
    })
    const etag = answer.headers.etag
    if (!etag) throw new S3Error(answer.status, 'InvalidResponse', `UploadPart ${partNumber} answered without an ETag`)
    return etag
  }

  private call(
    operation: S3UploadOperation,
    key: string,
    request: { method: string; query: string; headers: Record<string, string>; body?: string | Buffer },
  ): Promise<AwsAnswer> {
    const path = `${this.bucketPath}/${key.split('/').map(encodeURIComponent).join('/')}${request.query}`
    const send = () =>
      withRetries(async () => {
        const answer = await signedRequest(this.endpoint, { method: request.method, path, headers: request.headers, body: request.body })
        const text = answer.status >= 300 || operation === 'CompleteMultipartUpload' ? answer.body.toString('utf8') : ''
        // CompleteMultipartUpload may fail after its 200 has been sent: the error is then in the body.
        if (answer.status >= 300 || text.includes('<Error>')) {
          throw new S3Error(answer.status >= 300 ? answer.status : 500, xmlField(text, 'Code') ?? `HTTP${answer.status}`, xmlField(text, 'Message') ?? '')
        }
        return answer
      }, retryable)
    return this.interceptors.run({ operation, key }, send)
  }
}
