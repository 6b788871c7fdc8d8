/**
 * The S3 SDK and client, loaded by the first request that touches a file. Most routes of the
 * functions that keep files never do, and the S3 client (with the presigners, loaded the same way
 * where they are used) was the largest part of those functions' cold start (bench/bundles.ts).
 */
export async function storage() {
  const [sdk, { s3 }] = await Promise.all([import('@aws-sdk/client-s3'), import('./s3')])
  return { sdk, client: s3() }
}
