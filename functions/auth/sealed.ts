import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { config } from '../config'

/**
 * Keys derived from one root secret for separate purposes, so that a key used to encrypt can never
 * sign a token. The root is SEALING_SECRET when set (so it can rotate apart from the JWT key),
 * otherwise JWT_SECRET.
 */
function derivedKey(purpose: string): Buffer {
  const root = process.env.SEALING_SECRET ?? config.jwtSecret
  return Buffer.from(hkdfSync('sha256', root, 'cicpa-member-services', purpose, 32))
}

/**
 * AES-256-GCM for a secret that must be shown again later (an initial password until its first
 * change). `context` (e.g. the business number) is bound as associated data: a sealed value copied
 * onto another record does not open.
 */
export function seal(plain: string, context: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', derivedKey('initial-password'), iv)
  cipher.setAAD(Buffer.from(context))
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

export function unseal(sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown sealed format')
  const decipher = createDecipheriv('aes-256-gcm', derivedKey('initial-password'), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(context))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

/**
 * A keyed digest of an ID number, for looking a person up without storing the number in a key
 * (a plain hash of an 18-digit ID with a known birth date could be reversed by trying them all).
 */
export function identityDigest(idNumber: string): string {
  return createHmac('sha256', derivedKey('identity-lookup')).update(idNumber.trim().toUpperCase()).digest('base64url')
}
