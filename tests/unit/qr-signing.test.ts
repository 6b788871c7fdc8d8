import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { publishedKeys, signCredential, verifyCredential } from '../../functions/auth/qr-signing'

function newKey() {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
}

const now = Math.floor(Date.parse('2026-11-27T00:00:00Z') / 1000)
const payload = { typ: 'inspection' as const, m: '330000260001', y: 2026, iat: now, exp: now + 86_400 }
const at = new Date('2026-11-27T12:00:00Z')

beforeEach(() => {
  process.env.QR_SIGNING_KEY = newKey()
  process.env.QR_KEY_ID = 'k2'
  delete process.env.QR_PUBLIC_KEYS
})

function replacePart(token: string, index: number, value: string) {
  const parts = token.split('.')
  parts[index] = value
  return parts.join('.')
}

describe('signed QR tokens', () => {
  it('round-trips and carries no personal data beyond the member number', () => {
    const token = signCredential(payload)
    expect(verifyCredential(token, at)).toEqual({ ok: true, payload: { v: 1, ...payload } })
    const body = Buffer.from(token.split('.')[1]!, 'base64url').toString()
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['exp', 'iat', 'm', 'typ', 'v', 'y'])
  })

  it('refuses a tampered payload, signature or key id, and a truncated token', () => {
    const token = signCredential(payload)
    const forgedBody = Buffer.from(JSON.stringify({ v: 1, ...payload, y: 2027 })).toString('base64url')
    expect(verifyCredential(replacePart(token, 1, forgedBody), at)).toEqual({ ok: false, reason: 'bad_signature' })
    const signature = token.split('.')[2]!
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    expect(verifyCredential(replacePart(token, 2, flipped), at)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyCredential(replacePart(token, 0, 'k9'), at)).toEqual({ ok: false, reason: 'unknown_key' })
    expect(verifyCredential(token.slice(0, token.lastIndexOf('.')), at)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyCredential(token.slice(0, -10), at).ok).toBe(false)
    expect(verifyCredential('', at)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('refuses a correctly signed code whose payload is not one the system issues', () => {
    const signRaw = (body: Record<string, unknown>) => signCredential(body as never)
    const { y: _year, ...membership } = payload
    const odd = [
      { ...payload, typ: 'admin' },
      { ...payload, y: '2026' },
      { ...payload, y: 99999 },
      { ...payload, y: 2026.5 },
      { ...payload, m: { no: payload.m } },
      { ...payload, m: '' },
      { ...payload, exp: String(payload.exp) },
      { ...payload, extra: { nested: [1] } },
      { typ: 'inspection', iat: now, exp: now + 86_400 },
      { ...membership, typ: 'inspection' },
      { ...payload, typ: 'membership' },
      { ...payload, v: 2 },
    ]
    for (const body of odd) expect(verifyCredential(signRaw(body), at), JSON.stringify(body)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyCredential(signRaw({ ...membership, typ: 'membership' }), at).ok).toBe(true)
  })

  it('refuses a correctly signed payload that is not a JSON object', () => {
    const kid = process.env.QR_KEY_ID!
    for (const json of ['null', '[1]', '"x"', '{']) {
      const body = Buffer.from(json).toString('base64url')
      const signed = `${kid}.${body}`
      const signature = sign(null, Buffer.from(signed), createPrivateKey(process.env.QR_SIGNING_KEY!)).toString('base64url')
      expect(verifyCredential(`${signed}.${signature}`, at), json).toEqual({ ok: false, reason: 'malformed' })
    }
  })

  it('refuses a code signed by someone else under our key id', () => {
    process.env.QR_SIGNING_KEY = newKey()
    const foreign = signCredential(payload)
    process.env.QR_SIGNING_KEY = newKey()
    expect(verifyCredential(foreign, at)).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('refuses an expired code', () => {
    const token = signCredential(payload)
    expect(verifyCredential(token, new Date((payload.exp + 1) * 1000))).toEqual({ ok: false, reason: 'expired' })
  })

  it('keeps codes of a retired key valid after rotation, and publishes both keys', () => {
    const oldToken = signCredential(payload)
    const retiredPublic = createPublicKey(process.env.QR_SIGNING_KEY!).export({ type: 'spki', format: 'pem' }).toString()
    process.env.QR_PUBLIC_KEYS = JSON.stringify({ k2: retiredPublic })
    process.env.QR_SIGNING_KEY = newKey()
    process.env.QR_KEY_ID = 'k3'
    expect(verifyCredential(oldToken, at).ok).toBe(true)
    expect(verifyCredential(signCredential(payload), at).ok).toBe(true)
    expect(publishedKeys().map((key) => [key.kid, key.crv, key.alg])).toEqual([
      ['k2', 'Ed25519', 'EdDSA'],
      ['k3', 'Ed25519', 'EdDSA'],
    ])
  })
})
