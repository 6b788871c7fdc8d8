import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * OWASP's scrypt floor (N=2^17, r=8, p=1): about half a second of one core, which is why the auth
 * function gets a whole vCPU (serverless.yml). crypto.scrypt works on libuv's threadpool, never on
 * the event loop. The parameters are stored with each hash so they can grow (see needsRehash).
 */
const OWASP_COST = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32

/**
 * Today's cost. The test suite alone lowers N (TEST_SCRYPT_LOG2N, set in vitest.config.ts): its
 * hundreds of sign-ins and seeded accounts would otherwise spend minutes of CPU on the work factor
 * rather than on what they test. Read only under vitest (NODE_ENV test), so no deployment can fall
 * below the floor through a stray variable; tests of the floor itself unset it.
 */
function currentCost(): typeof OWASP_COST {
  const log2N = process.env.NODE_ENV === 'test' ? Number.parseInt(process.env.TEST_SCRYPT_LOG2N ?? '', 10) : Number.NaN
  return Number.isInteger(log2N) && log2N >= 10 && log2N < 17 ? { ...OWASP_COST, N: 2 ** log2N } : OWASP_COST
}

function derive(secret: string, salt: Buffer, cost: typeof OWASP_COST): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r }
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))))
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const cost = currentCost()
  const key = await derive(secret, salt, cost)
  const { N, r, p } = cost
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, expected] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !expected) return false
  const key = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) })
  const expectedKey = Buffer.from(expected, 'base64url')
  return expectedKey.length === key.length && timingSafeEqual(key, expectedKey)
}

/** A hash stored with other costs than today's is replaced at the next successful login. */
export function needsRehash(stored: string): boolean {
  const [scheme, N, r, p] = stored.split('$')
  const cost = currentCost()
  return scheme !== 'scrypt' || Number(N) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p
}

/**
 * A hash of a throwaway secret, verified against when the account does not exist so that an unknown
 * username costs the same time as a wrong password. The auth function starts it at init
 * (handlers/auth.ts), so no unknown name pays for making it.
 */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashSecret(randomBytes(12).toString('base64url'))
  return decoyHash
}

const INITIAL_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'

/** A random one-time initial password (seed practice of ID-card tails or 456789 is guessable). */
export function randomInitialPassword(length = 10): string {
  let password = ''
  while (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    password = Array.from({ length }, () => INITIAL_PASSWORD_ALPHABET[randomInt(INITIAL_PASSWORD_ALPHABET.length)]).join('')
  }
  return password
}
