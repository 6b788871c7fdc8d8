import { randomUUID } from 'node:crypto'
import { GetCommand } from './dynamo-client'
import { config } from '../config'
import { dynamo, keys, newItemPut } from './dynamo'
import { storage } from './s3-on-demand'
import { DOWNLOAD_LINK_SECONDS, type FileStore, type FileType, type UploadCheck, type UploadRules } from '../ports/files'

const UPLOAD_URL_SECONDS = 5 * 60

/**
 * Presigned uploads land under this prefix and stay there until attached; the bucket's lifecycle
 * rule drops whatever is still there (or was refused and deleted) after a day.
 */
const PENDING = 'pending/'

/** Where uploads for `keyPrefix` land: an attach takes only keys under the caller's own one. */
const pendingPrefix = (keyPrefix: string) => `${PENDING}${keyPrefix}/`

/** The key an attached upload is kept under: its pending key without the pending prefix. */
const attachedKeyOf = (pendingKey: string) => pendingKey.slice(PENDING.length)

/**
 * A presigned S3 POST for one new object under `keyPrefix`'s pending prefix: the policy fixes the
 * key and limits size and content type. The browser or mini-program uploads straight to S3; the
 * Lambda never carries the bytes. S3 enforces the policy; the local engine (moto) does not, which
 * is why `checkUpload` looks again.
 */
async function presignTyped(options: { keyPrefix: string; type: FileType; maxBytes: number }) {
  const { type } = options
  const key = `${pendingPrefix(options.keyPrefix)}${randomUUID()}.${type.extension}`
  const [{ client }, { createPresignedPost }] = await Promise.all([storage(), import('@aws-sdk/s3-presigned-post')])
  const { url, fields } = await createPresignedPost(client, {
    Bucket: config.bucketName,
    Key: key,
    Conditions: [
      ['content-length-range', 1, options.maxBytes],
      ['eq', '$Content-Type', type.mime],
    ],
    Fields: { 'Content-Type': type.mime },
    Expires: UPLOAD_URL_SECONDS,
  })
  return { url, fields, key, maxBytes: options.maxBytes }
}

async function deleteObject(key: string) {
  const { sdk, client } = await storage()
  await client.send(new sdk.DeleteObjectCommand({ Bucket: config.bucketName, Key: key }))
}

// ---------------------------------------------------------------------------------------------
// One object, one attachment: deleting an attachment deletes its object, so a second attachment
// of the same object would be left pointing at nothing.

/** Joins the transaction that records an attachment; fails it when the object is attached already. */
export const uploadClaimPut = (attachedKey: string) => newItemPut({ ...keys.uploadClaim(attachedKey), entity: 'upload-claim' })

/** Joins the transaction that drops an attachment, so its object's claim goes with it. */
export const uploadClaimDelete = (attachedKey: string) => ({ Delete: { TableName: config.tableName, Key: keys.uploadClaim(attachedKey) } })

async function isAttached(attachedKey: string) {
  const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.uploadClaim(attachedKey), ConsistentRead: true }))
  return Item !== undefined
}

/**
 * Copies each checked pending upload to its attached key, runs `write` — the transaction recording
 * them, which claims every attached key (`uploadClaimPut`) — and only then drops the pending
 * objects. When `write` fails, a copy nobody claims is deleted again; one claimed meanwhile
 * belongs to the attachment that won (same bytes), and the answer names its pending key.
 */
async function attachOnce<T>(
  pendingKeys: readonly string[],
  write: (attachedKeys: string[]) => Promise<T>,
): Promise<{ attached: T } | { attachedAlready: string }> {
  const attachedKeys = pendingKeys.map(attachedKeyOf)
  /** Drops the copies nobody claimed; a claimed key belongs to the attachment that won (same bytes). */
  async function giveUp(error: unknown): Promise<{ attachedAlready: string }> {
    const claimed = await Promise.all(attachedKeys.map(isAttached))
    await Promise.all(attachedKeys.filter((_, index) => !claimed[index]).map(deleteObject))
    const taken = pendingKeys.find((_, index) => claimed[index])
    if (taken) return { attachedAlready: taken }
    throw error
  }
  const { sdk, client } = await storage()
  const copies = await Promise.allSettled(
    pendingKeys.map((key, index) =>
      client.send(
        new sdk.CopyObjectCommand({
          Bucket: config.bucketName,
          CopySource: `${config.bucketName}/${key.split('/').map(encodeURIComponent).join('/')}`,
          Key: attachedKeys[index],
        }),
      ),
    ),
  )
  // A concurrent attach of the same file may have moved a pending object away since it was checked.
  const failedCopy = copies.find((copy) => copy.status === 'rejected')
  if (failedCopy) return giveUp(failedCopy.reason)
  let attached: T
  try {
    attached = await write(attachedKeys)
  } catch (error) {
    return giveUp(error)
  }
  await Promise.all(pendingKeys.map(deleteObject))
  return { attached }
}

function matchesSignature(head: Uint8Array, signature: readonly number[]) {
  return signature.length <= head.length && signature.every((byte, index) => head[index] === byte)
}

/**
 * Accepts an uploaded object only when it exists, is within `maxBytes` and starts with the magic
 * bytes of an allowed type; a refused object is deleted so it can never be attached.
 */
async function checkUpload(key: string, rules: UploadRules): Promise<UploadCheck> {
  const gone = async (error: unknown): Promise<UploadCheck> => {
    if (!(error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey'))) throw error
    // An attach moves the object away: gone because attached is a second attach of the same file.
    return { accepted: false, refusal: (await isAttached(attachedKeyOf(key))) ? 'attached-already' : 'not-uploaded' }
  }
  const { sdk, client } = await storage()
  let size: number
  try {
    const head = await client.send(new sdk.HeadObjectCommand({ Bucket: config.bucketName, Key: key }))
    size = head.ContentLength ?? 0
  } catch (error) {
    return gone(error)
  }
  if (size === 0 || size > rules.maxBytes) {
    await deleteObject(key)
    return { accepted: false, refusal: size === 0 ? 'empty' : 'too-large' }
  }
  const longest = Math.max(...rules.allowedTypes.flatMap((type) => type.signatures.map((signature) => signature.length)))
  let head: Uint8Array
  try {
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: config.bucketName, Key: key, Range: `bytes=0-${longest - 1}` }))
    head = (await object.Body?.transformToByteArray()) ?? new Uint8Array()
  } catch (error) {
    return gone(error)
  }
  const type = rules.allowedTypes.find((candidate) => candidate.signatures.some((signature) => matchesSignature(head, signature)))
  if (!type) {
    await deleteObject(key)
    return { accepted: false, refusal: 'wrong-type' }
  }
  return { accepted: true, type, size }
}

/** A link to read one object for a few minutes (e.g. a reviewer viewing a photo). */
export async function presignDownload(key: string): Promise<string> {
  const [{ sdk, client }, { getSignedUrl }] = await Promise.all([storage(), import('@aws-sdk/s3-request-presigner')])
  return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: config.bucketName, Key: key }), { expiresIn: DOWNLOAD_LINK_SECONDS })
}

export const s3FileStore: FileStore = {
  pendingPrefix,
  presignUpload: presignTyped,
  checkUpload,
  attach: attachOnce,
  delete: deleteObject,
  presignDownload,
}
