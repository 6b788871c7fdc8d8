import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { HeadBucketCommand } from '@aws-sdk/client-s3'
import { dynamo } from '../adapters/dynamo'
import { s3 } from '../adapters/s3'
import { config } from '../config'

async function check(probe: () => Promise<string>) {
  try {
    return { ok: true, detail: await probe() }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

export async function health() {
  const [dynamodb, storage] = await Promise.all([
    check(async () => {
      const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: config.tableName }))
      return `table ${config.tableName} ${Table?.TableStatus ?? 'UNKNOWN'}`
    }),
    check(async () => {
      await s3().send(new HeadBucketCommand({ Bucket: config.bucketName }))
      return `bucket ${config.bucketName} reachable`
    }),
  ])
  return { status: dynamodb.ok && storage.ok ? ('ok' as const) : ('degraded' as const), checks: { dynamodb, s3: storage } }
}
