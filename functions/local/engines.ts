import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import { CreateBucketCommand, HeadBucketCommand, ListBucketsCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3'
import tableDefinition from '../infra/table.json' with { type: 'json' }
import bucketDefinition from '../infra/bucket.json' with { type: 'json' }

/**
 * Another engine the user runs (DynamoDB Local, LocalStack, an AWS dev account), read once at load:
 * `useLocalStorage` later sets the same variables for the handlers, whichever engine serves them.
 */
export const configuredEndpoints: { dynamo?: string; s3?: string } = {
  dynamo: process.env.DYNAMODB_ENDPOINT || undefined,
  s3: process.env.S3_ENDPOINT || undefined,
}

/** The one line that gives `python3` the moto version the launcher is written against. */
export const MOTO_INSTALL = `apt-get install -y python3-pip && python3 -m pip install --break-system-packages 'moto[server]==5.2.1'`

/**
 * The embedded engine accepts any key pair, and fixed ones keep a developer's real credentials from
 * being sent anywhere; another engine gets whatever the user configured (variables, profile).
 */
export function useLocalCredentials() {
  process.env.AWS_REGION ??= 'cn-north-1'
  if (configuredEndpoints.dynamo || configuredEndpoints.s3) return
  process.env.AWS_ACCESS_KEY_ID = 'local'
  process.env.AWS_SECRET_ACCESS_KEY = 'local'
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

const LAUNCHER = fileURLToPath(new URL('./moto-engine.py', import.meta.url))

/** Why the launcher ended before listening, in the words a developer can act on. */
function launchFailure(error: NodeJS.ErrnoException | undefined, stderr: string, port: number): Error {
  if (error?.code === 'ENOENT') return new Error(`python3 not found; the local engine (moto) needs it. Install: ${MOTO_INSTALL}`)
  if (/ModuleNotFoundError: No module named '(moto|flask|flask_cors|werkzeug)/.test(stderr)) {
    return new Error(`python3 cannot import moto's server; the local engine needs it. Install: ${MOTO_INSTALL}`)
  }
  if (stderr.includes('Address already in use')) return new Error(`port ${port} is in use (another npm start?); choose another with ENGINE_PORT`)
  return new Error(`the local engine (moto) did not start: ${error?.message ?? stderr.trim().split('\n').slice(-5).join('\n')}`)
}

/**
 * moto (DynamoDB and S3 on one port) behind functions/local/moto-engine.py, which serves one
 * request at a time so conditional writes and transactions are atomic. In memory: see snapshot.ts.
 */
export async function startMoto(options: { port?: number } = {}): Promise<RunningEngine> {
  useLocalCredentials()
  const port = options.port ?? 0
  // Its own process group: Ctrl-C in the terminal reaches npm start, which saves the data before it
  // stops the engine. The launcher exits by itself when this process's end closes its stdin.
  const child = spawn('python3', [LAUNCHER, String(port)], { stdio: ['pipe', 'pipe', 'pipe'], detached: true })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)))
  const closed = once(child, 'close').catch(() => undefined)
  let spawnError: NodeJS.ErrnoException | undefined
  const boundPort = await new Promise<number | undefined>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const announced = /^\{"port": (\d+)\}$/.exec(line)
      if (announced) resolve(Number(announced[1]))
    })
    child.once('close', () => resolve(undefined))
    child.once('error', (error) => {
      spawnError = error
      resolve(undefined)
    })
  })
  if (boundPort === undefined) {
    child.kill('SIGKILL')
    throw launchFailure(spawnError, stderr, port)
  }
  const endpoint = `http://127.0.0.1:${boundPort}`
  // Both services answer (their backends load on first use), so the first test does not pay for it.
  const dynamo = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION })
  const s3 = new S3Client({ endpoint, region: process.env.AWS_REGION, forcePathStyle: true })
  await waitFor('moto', () => Promise.all([dynamo.send(new ListTablesCommand({})), s3.send(new ListBucketsCommand({}))]))
  dynamo.destroy()
  s3.destroy()
  return {
    endpoint,
    async stop() {
      child.kill('SIGTERM')
      await closed
    },
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
  // An engine that creates tables asynchronously (AWS, LocalStack) refuses TTL until it is ACTIVE.
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1 }, { TableName: tableName })
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
        // CloudFormation's names differ from the S3 API's.
        CORSRules: bucketDefinition.CorsRules.map(({ MaxAge, ExposedHeaders, ...rule }) => ({ ...rule, ExposeHeaders: ExposedHeaders, MaxAgeSeconds: MaxAge })),
      },
    }),
  )
  client.destroy()
}
