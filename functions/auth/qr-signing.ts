import { deferred } from '../../shared/deferred'
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import * as z from 'zod'
import { clock } from '../adapters/clock'
import { CREDENTIAL_KINDS } from '../../shared/api/credential-schemas'

/**
 * Signed QR tokens: `<kid>.<payload>.<signature>` (base64url), Ed25519 over `<kid>.<payload>`.
 * A copy of the published public key is enough to check a code offline; the key id lets a new key
 * take over while codes signed with the old one (listed in QR_PUBLIC_KEYS) stay checkable.
 * The payload names the member by member number only: no name, no ID number, no contact data.
 */

/**
 * Exactly what `issueCredential` signs: a payload signed with our key but shaped otherwise (a key
 * leaked to a tester, a bug in an older release) is refused like a forged one, never trusted.
 */
const CredentialPayloadSchema = deferred(() =>
  z
    .strictObject({
      v: z.literal(1),
      typ: z.enum(CREDENTIAL_KINDS),
      /** member number */
      m: z.string().regex(/^[0-9A-Za-z]{6,20}$/),
      /** the year certified (inspection and hours codes only) */
      y: z.number().int().min(2000).max(2100).optional(),
      iat: z.number().int().nonnegative(),
      exp: z.number().int().nonnegative(),
    })
    .refine((payload) => (payload.typ !== 'membership') === (payload.y !== undefined)),
)

export type CredentialPayload = z.infer<typeof CredentialPayloadSchema>

export type VerifyFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired'
export type VerifyResult = { ok: true; payload: CredentialPayload } | { ok: false; reason: VerifyFailure }

interface KeyRing {
  kid: string
  privateKey: KeyObject
  /** Every key a code may be signed with: the current one and the retired ones still honoured. */
  verification: Map<string, KeyObject>
}

let cached: { source: string; ring: KeyRing } | undefined

/** Parsing PEM costs more than verifying a signature: keys are parsed once per configuration. */
function keyRing(): KeyRing {
  const pem = process.env.QR_SIGNING_KEY
  const kid = process.env.QR_KEY_ID
  if (!pem || !kid) throw new Error('QR_SIGNING_KEY and QR_KEY_ID must be set')
  const source = `${kid}|${pem}|${process.env.QR_PUBLIC_KEYS ?? ''}`
  if (cached?.source === source) return cached.ring
  const privateKey = createPrivateKey(pem.replace(/\\n/g, '\n'))
  const verification = new Map<string, KeyObject>()
  const retired = process.env.QR_PUBLIC_KEYS ? (JSON.parse(process.env.QR_PUBLIC_KEYS) as Record<string, string>) : {}
  for (const [retiredKid, publicPem] of Object.entries(retired)) verification.set(retiredKid, createPublicKey(publicPem.replace(/\\n/g, '\n')))
  verification.set(kid, createPublicKey(privateKey))
  cached = { source, ring: { kid, privateKey, verification } }
  return cached.ring
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

export function signCredential(payload: Omit<CredentialPayload, 'v'>): string {
  const { kid, privateKey } = keyRing()
  const signed = `${kid}.${encode({ v: 1, ...payload })}`
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`
}

const BASE64URL = /^[A-Za-z0-9_-]+$/

export function verifyCredential(token: string, now = clock.now()): VerifyResult {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return { ok: false, reason: 'malformed' }
  const [kid, body, signature] = parts as [string, string, string]
  const key = keyRing().verification.get(kid)
  if (!key) return { ok: false, reason: 'unknown_key' }
  if (!verify(null, Buffer.from(`${kid}.${body}`), key, Buffer.from(signature, 'base64url'))) return { ok: false, reason: 'bad_signature' }
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const parsed = CredentialPayloadSchema.safeParse(decoded)
  if (!parsed.success) return { ok: false, reason: 'malformed' }
  const payload = parsed.data
  if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, payload }
}

/** The public half of every honoured key, as JWKs, for verifiers who check codes themselves. */
export function publishedKeys() {
  return [...keyRing().verification].map(([kid, key]) => {
    const jwk = key.export({ format: 'jwk' })
    return { kid, kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), alg: 'EdDSA', use: 'sig' }
  })
}
