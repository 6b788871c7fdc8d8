import { DescribeTableCommand, ScanCommand } from '../../functions/adapters/dynamo-client'
import { HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { GetCommand, QueryCommand, TransactWriteCommand } from '../../functions/adapters/dynamo-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamo } from '../../functions/adapters/dynamo'
import { exportUploads } from '../../functions/adapters/export-files'
import { s3 } from '../../functions/adapters/s3'
import { config } from '../../functions/config'
import { asFunction, enforceRoles } from '../../functions/local/iam-emulation'
import { startTestStack } from '../support/stack'

let stack: Awaited<ReturnType<typeof startTestStack>>
beforeAll(async () => {
  stack = await startTestStack()
  enforceRoles({ dynamo: dynamo(), s3: s3(), s3Uploads: exportUploads() })
})
afterAll(() => stack?.stop())

describe('local IAM emulation (permissions.json)', () => {
  it('lets a function use the key prefixes its role grants', async () => {
    await expect(
      asFunction('account', () => dynamo().send(new GetCommand({ TableName: config.tableName, Key: { PK: 'ACCOUNT#x', SK: 'ACCOUNT' } }))),
    ).resolves.toBeDefined()
    await expect(asFunction('system', () => dynamo().send(new DescribeTableCommand({ TableName: config.tableName })))).resolves.toBeDefined()
    await expect(asFunction('system', () => s3().send(new HeadBucketCommand({ Bucket: config.bucketName })))).resolves.toBeDefined()
  })

  it('refuses other prefixes, other indexes, and any Scan, as AWS would', async () => {
    const denied = expect.objectContaining({ name: 'AccessDeniedException' })
    await expect(
      asFunction('account', () => dynamo().send(new GetCommand({ TableName: config.tableName, Key: { PK: 'CAPTCHA#x', SK: 'CAPTCHA' } }))),
    ).rejects.toEqual(denied)
    await expect(
      asFunction('staff', () =>
        dynamo().send(
          new QueryCommand({ TableName: config.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'PENDING#ZJ#inspection' } }),
        ),
      ),
    ).rejects.toEqual(denied)
    await expect(asFunction('staff', () => dynamo().send(new ScanCommand({ TableName: config.tableName })))).rejects.toEqual(denied)
    await expect(
      asFunction('auth', () =>
        dynamo().send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: config.tableName, Item: { PK: 'CAPTCHA#1', SK: 'CAPTCHA' } } },
              { Put: { TableName: config.tableName, Item: { PK: 'MEMBER#1', SK: 'PROFILE' } } },
            ],
          }),
        ),
      ),
    ).rejects.toEqual(denied)
    await expect(asFunction('account', () => s3().send(new PutObjectCommand({ Bucket: config.bucketName, Key: 'x', Body: 'x' })))).rejects.toEqual(denied)
  })

  it('holds the exports worker’s own S3 uploads to its role: its prefix only, and no other function', async () => {
    async function* text() {
      yield Buffer.from('x')
    }
    const upload = (key: string) => exportUploads().upload(key, text(), { contentType: 'text/plain' })
    await expect(asFunction('exports', () => upload('exports/iam-emulation.txt'))).resolves.toBeUndefined()
    const denied = expect.objectContaining({ name: 'AccessDeniedException' })
    await expect(asFunction('exports', () => upload('uploads/iam-emulation.txt'))).rejects.toEqual(denied)
    await expect(asFunction('staff', () => upload('exports/iam-emulation.txt'))).rejects.toEqual(denied)
  })

  it('leaves calls outside any function alone (seeding, test setup)', async () => {
    await expect(dynamo().send(new ScanCommand({ TableName: config.tableName, Limit: 1 }))).resolves.toBeDefined()
  })
})
