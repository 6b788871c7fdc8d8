import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { newImportSecrets, newQrSigningKey } from '../functions/local/stack'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const LOCAL_DIR = `${ROOT}/.local`

/**
 * The JWT key for local runs: generated once per checkout into the git-ignored .local/ folder,
 * so restarts keep sessions valid and no key is ever committed.
 */
function localJwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET
  const file = `${LOCAL_DIR}/jwt-secret`
  if (!existsSync(file)) {
    mkdirSync(LOCAL_DIR, { recursive: true })
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

/** The local QR signing key, kept like the JWT key so printed codes stay valid across restarts. */
function localQrSigningKey(): { kid: string; pem: string } {
  const file = `${LOCAL_DIR}/qr-signing-key.json`
  if (!existsSync(file)) {
    mkdirSync(LOCAL_DIR, { recursive: true })
    writeFileSync(file, JSON.stringify(newQrSigningKey()), { mode: 0o600 })
  }
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** The institutes' import keys, kept like the other keys so a developer can sign test imports with them. */
function localImportSecrets(): Record<string, string> {
  const file = `${LOCAL_DIR}/edu-import-secrets.json`
  if (!existsSync(file)) {
    mkdirSync(LOCAL_DIR, { recursive: true })
    writeFileSync(file, JSON.stringify(newImportSecrets()), { mode: 0o600 })
  }
  return JSON.parse(readFileSync(file, 'utf8'))
}

export function localSettings() {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
  return {
    dataDir: LOCAL_DIR,
    apiPort: port('API_PORT', 3000),
    webPort: port('WEB_PORT', 8080),
    /** The embedded engine: DynamoDB and S3 on one port. */
    enginePort: port('ENGINE_PORT', 8000),
    tableName: process.env.TABLE_NAME ?? 'cicpa-member-local',
    bucketName: process.env.BUCKET_NAME ?? 'cicpa-member-local-uploads',
    jwtSecret: localJwtSecret(),
    qrSigningKey: localQrSigningKey(),
    importSecrets: localImportSecrets(),
  }
}
