import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { HeadBucketCommand } from '@aws-sdk/client-s3'
import { config } from '../config'
import type { HealthProbes } from '../ports/health'
import { dynamo } from './dynamo'
import { s3 } from './s3'

export const awsHealthProbes: HealthProbes = {
  async table() {
    const { Table } = await dynamo().send(new DescribeTableCommand({ TableName: config.tableName }))
    return `table ${config.tableName} ${Table?.TableStatus ?? 'UNKNOWN'}`
  },
  async bucket() {
    await s3().send(new HeadBucketCommand({ Bucket: config.bucketName }))
    return `bucket ${config.bucketName} reachable`
  },
}
