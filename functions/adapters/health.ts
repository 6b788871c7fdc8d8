import { DescribeTableCommand } from './dynamo-client'
import { config } from '../config'
import type { HealthProbes } from '../ports/health'
import { dynamo } from './dynamo'
import { storage } from './s3-on-demand'

export const awsHealthProbes: HealthProbes = {
  async table() {
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: config.tableName }))
    return `table ${config.tableName} ${Table?.TableStatus ?? 'UNKNOWN'}`
  },
  async bucket() {
    const { sdk, client } = await storage()
    await client.send(new sdk.HeadBucketCommand({ Bucket: config.bucketName }))
    return `bucket ${config.bucketName} reachable`
  },
}
