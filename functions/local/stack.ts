import { generateKeyPairSync, randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { INSTITUTE_CODES } from '../../shared/education'
import { createApiServer, listen } from './api-server'
import { configuredEndpoints, ensureBucket, ensureTable, startMoto, useLocalCredentials } from './engines'
import { loadSnapshot, saveSnapshot, SNAPSHOT_FILE } from './snapshot'
import { LOCAL_OFFICIAL_ACCOUNT_PATH } from './wechat-pages'
import { createWebServer } from './web-server'

export interface EngineEndpoints {
  dynamoEndpoint: string
  s3Endpoint: string
}

/**
 * The engines behind DynamoDB and S3: those the user configured (DYNAMODB_ENDPOINT, S3_ENDPOINT),
 * the embedded moto for the rest. With `dataDir` the embedded engine's data outlives it: loaded at
 * start, saved at stop (functions/local/snapshot.ts).
 */
export async function startEngines(options: { dataDir?: string; port?: number }) {
  if (configuredEndpoints.dynamo && configuredEndpoints.s3) {
    useLocalCredentials()
    return { dynamoEndpoint: configuredEndpoints.dynamo, s3Endpoint: configuredEndpoints.s3, async stop() {} }
  }
  const engine = await startMoto({ port: options.port })
  const served = { dynamo: configuredEndpoints.dynamo ? undefined : engine.endpoint, s3: configuredEndpoints.s3 ? undefined : engine.endpoint }
  const snapshot = options.dataDir && `${options.dataDir}/${SNAPSHOT_FILE}`
  try {
    if (snapshot) await loadSnapshot(served, snapshot)
  } catch (error) {
    await engine.stop()
    throw error
  }
  return {
    dynamoEndpoint: configuredEndpoints.dynamo ?? engine.endpoint,
    s3Endpoint: configuredEndpoints.s3 ?? engine.endpoint,
    async stop() {
      try {
        if (snapshot) await saveSnapshot(served, snapshot)
      } finally {
        await engine.stop()
      }
    },
  }
}

/**
 * Points this process's handlers at a table and bucket on the local engines, creating them from
 * the deployment's definitions. Local runs deliver codes to the outbox instead of phones.
 */
export async function useLocalStorage(
  endpoints: EngineEndpoints,
  names: { tableName: string; bucketName: string; jwtSecret?: string; qrSigningKey?: { kid: string; pem: string }; importSecrets?: Record<string, string> },
) {
  useLocalCredentials()
  process.env.DYNAMODB_ENDPOINT = endpoints.dynamoEndpoint
  process.env.S3_ENDPOINT = endpoints.s3Endpoint
  process.env.TABLE_NAME = names.tableName
  process.env.BUCKET_NAME = names.bucketName
  process.env.DELIVERY_MODE = 'outbox'
  process.env.JWT_SECRET = names.jwtSecret ?? process.env.JWT_SECRET ?? randomBytes(32).toString('base64url')
  const qrKey = names.qrSigningKey ?? newQrSigningKey()
  process.env.QR_SIGNING_KEY ??= qrKey.pem
  process.env.QR_KEY_ID ??= qrKey.kid
  process.env.EDU_IMPORT_SECRETS ??= JSON.stringify(names.importSecrets ?? newImportSecrets())
  await Promise.all([ensureTable(endpoints.dynamoEndpoint, names.tableName), ensureBucket(endpoints.s3Endpoint, names.bucketName)])
}

/**
 * `lambdaEndpoint`: where worker functions are invoked; by default this API server's own stand-in
 * of Lambda's Invoke API, which runs them in this process.
 */
export async function startServers(options: { apiPort: number; webPort?: number; webRoot?: string; lambdaEndpoint?: string }) {
  const servers: Server[] = []
  const api = createApiServer()
  servers.push(api)
  const apiPort = await listen(api, options.apiPort)
  let webPort: number | undefined
  if (options.webRoot && options.webPort !== undefined) {
    const web = createWebServer(options.webRoot)
    servers.push(web)
    webPort = await listen(web, options.webPort)
    // QR codes point at the verification page of this H5 build.
    process.env.VERIFY_PAGE_URL ??= `http://127.0.0.1:${webPort}/#/pages/verify/index`
    // The JS-SDK signs only pages of this H5 build.
    process.env.H5_ORIGIN ??= `http://127.0.0.1:${webPort}`
  }
  process.env.LAMBDA_ENDPOINT = options.lambdaEndpoint ?? `http://127.0.0.1:${apiPort}`
  process.env.EXPORTS_FUNCTION_NAME ??= 'exports'
  // The follow QR code opens the web server's stand-in for the official account.
  process.env.WECHAT_OA_FOLLOW_URL ??= `http://127.0.0.1:${webPort ?? apiPort}${LOCAL_OFFICIAL_ACCOUNT_PATH}`
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    webUrl: webPort === undefined ? undefined : `http://127.0.0.1:${webPort}`,
    async stop() {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
      for (const server of servers) server.closeAllConnections()
    },
  }
}

/** One import key per institute (what each institute would be given to sign its pushes). */
export function newImportSecrets(): Record<string, string> {
  return Object.fromEntries(INSTITUTE_CODES.map((code) => [code, randomBytes(32).toString('base64url')]))
}

/** An Ed25519 key for signing QR codes; local runs keep one in .local/, tests make their own. */
export function newQrSigningKey(): { kid: string; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519')
  return { kid: `local-${Date.now().toString(36)}`, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }
}
