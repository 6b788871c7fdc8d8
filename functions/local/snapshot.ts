import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { BatchWriteItemCommand, DynamoDBClient, ListTablesCommand, paginateScan, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb'
import { GetObjectCommand, ListBucketsCommand, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { ensureBucket, ensureTable } from './engines'

/**
 * The embedded engine keeps everything in memory, so `npm start` writes every table's items and
 * every bucket's objects to one JSON-lines file when it stops and loads them when it starts. Scans
 * are fine here: this runs only between local sessions, never on a request path.
 */
export const SNAPSHOT_FILE = 'engine-snapshot.jsonl'

type Line =
  | { table: string; item?: Record<string, AttributeValue> }
  | { bucket: string; key?: string; contentType?: string; metadata?: Record<string, string>; body?: string }

/** Binary attributes survive JSON as base64 (`this[key]` is the value before Buffer's own toJSON). */
function encodeBinary(this: Record<string, unknown>, key: string, value: unknown) {
  const original = this[key]
  return original instanceof Uint8Array ? { $base64: Buffer.from(original).toString('base64') } : value
}

function decodeBinary(_key: string, value: unknown) {
  const encoded = value as { $base64?: unknown } | null
  return typeof encoded?.$base64 === 'string' ? Buffer.from(encoded.$base64, 'base64') : value
}

export async function saveSnapshot(endpoints: { dynamo?: string; s3?: string }, file: string) {
  const region = process.env.AWS_REGION
  const partial = `${file}.saving`
  mkdirSync(dirname(file), { recursive: true })
  const out = createWriteStream(partial)
  const write = async (line: Line) => {
    if (!out.write(`${JSON.stringify(line, encodeBinary)}\n`)) await once(out, 'drain')
  }
  if (endpoints.dynamo) {
    const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamo, region })
    const { TableNames = [] } = await dynamo.send(new ListTablesCommand({}))
    for (const table of TableNames) {
      await write({ table })
      for await (const page of paginateScan({ client: dynamo }, { TableName: table })) {
        for (const item of page.Items ?? []) await write({ table, item })
      }
    }
    dynamo.destroy()
  }
  if (endpoints.s3) {
    const s3 = new S3Client({ endpoint: endpoints.s3, region, forcePathStyle: true })
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}))
    for (const { Name: bucket } of Buckets) {
      await write({ bucket: bucket! })
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
        for (const { Key: key } of page.Contents ?? []) {
          const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
          const body = Buffer.from(await object.Body!.transformToByteArray()).toString('base64')
          await write({ bucket: bucket!, key, contentType: object.ContentType, metadata: object.Metadata, body })
        }
      }
    }
    s3.destroy()
  }
  out.end()
  await once(out, 'finish')
  // Replaced in one step, so a save cut short leaves the previous snapshot whole.
  renameSync(partial, file)
}

/** Tables come back with the deployment's definition (functions/infra/table.json), the one every local table has. */
export async function loadSnapshot(endpoints: { dynamo?: string; s3?: string }, file: string) {
  if (!existsSync(file)) return
  const region = process.env.AWS_REGION
  const dynamo = endpoints.dynamo ? new DynamoDBClient({ endpoint: endpoints.dynamo, region }) : undefined
  const s3 = endpoints.s3 ? new S3Client({ endpoint: endpoints.s3, region, forcePathStyle: true }) : undefined
  const pending = new Map<string, Record<string, AttributeValue>[]>()
  const flush = async (table: string) => {
    let requests: WriteRequest[] = (pending.get(table) ?? []).map((item) => ({ PutRequest: { Item: item } }))
    pending.delete(table)
    while (requests.length) {
      const { UnprocessedItems } = await dynamo!.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }))
      requests = UnprocessedItems?.[table] ?? []
    }
  }
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!text) continue
    const line = JSON.parse(text, decodeBinary) as Line
    if ('table' in line && dynamo) {
      if (!line.item) {
        await ensureTable(endpoints.dynamo!, line.table)
        continue
      }
      const batch = pending.get(line.table) ?? []
      batch.push(line.item)
      pending.set(line.table, batch)
      // BatchWriteItem takes at most 25 items.
      if (batch.length === 25) await flush(line.table)
    } else if ('bucket' in line && s3) {
      if (line.key === undefined) await ensureBucket(endpoints.s3!, line.bucket)
      else {
        const body = Buffer.from(line.body ?? '', 'base64')
        await s3.send(new PutObjectCommand({ Bucket: line.bucket, Key: line.key, Body: body, ContentType: line.contentType, Metadata: line.metadata }))
      }
    }
  }
  for (const table of [...pending.keys()]) await flush(table)
  dynamo?.destroy()
  s3?.destroy()
}
