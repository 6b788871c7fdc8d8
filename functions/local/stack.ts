import { generateKeyPairSync, randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { INSTITUTE_CODES } from '../../shared/education'
import { createApiServer, listen } from './api-server'
import { ensureBucket, ensureTable, startDynamoLocal, startS3Local, useLocalCredentials, type RunningEngine } from './engines'
import { createWebServer } from './web-server'

export interface EngineEndpoints {
  dynamoEndpoint: string
  s3Endpoint: string
}

export async function startEngines(options: { dataDir?: string; dynamoPort?: number; s3Port?: number }) {
  const dynamoEngine = await startDynamoLocal({ port: options.dynamoPort, dataDir: options.dataDir && `${options.dataDir}/dynamodb` })
  let s3Engine: RunningEngine
  try {
    s3Engine = await startS3Local({ port: options.s3Port, dataDir: `${options.dataDir ?? `/tmp/cicpa-s3-${process.pid}`}/s3` })
  } catch (error) {
    await dynamoEngine.stop()
    throw error
  }
  return {
    dynamoEndpoint: dynamoEngine.endpoint,
    s3Endpoint: s3Engine.endpoint,
    async stop() {
      await Promise.all([dynamoEngine.stop(), s3Engine.stop()])
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

export async function startServers(options: { apiPort: number; webPort?: number; webRoot?: string }) {
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
  }
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    webUrl: webPort === undefined ? undefined : `http://127.0.0.1:${webPort}`,
    async stop() {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
      servers.forEach((server) => server.closeAllConnections())
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
