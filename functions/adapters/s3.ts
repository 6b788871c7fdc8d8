import { S3Client } from '@aws-sdk/client-s3'
import { config } from '../config'

let cached: { endpoint: string | undefined; client: S3Client } | undefined

export function s3(): S3Client {
  const endpoint = config.s3Endpoint
  if (!cached || cached.endpoint !== endpoint) {
    cached = {
      endpoint,
      client: new S3Client({
        region: config.region,
        // The local S3 server answers on loopback with path-style addressing only.
        ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      }),
    }
  }
  return cached.client
}
