import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { OA_STATE_SECONDS } from '../../shared/api/reset-schemas'
import { epochSeconds } from '../ports/clock'
import { AppError } from './errors'

/**
 * The `state` of the official account's web authorization, whatever it is bound to (a reset
 * session, a signed-in member): random, only its hash kept, accepted once within OA_STATE_SECONDS.
 * The holder stores and consumes it; this decides what is issued and what is accepted.
 */
export interface HeldState {
  hash?: string
  /** Epoch seconds. */
  expiresAt?: number
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url')

const refused = (message: string) => new AppError('VALIDATION_FAILED', message, { state: message })

/** A fresh state for the authorize link, and what its holder keeps of it. */
export function newAuthorizationState(now: Date): { state: string; held: Required<HeldState> } {
  // Hex: WeChat passes back only a-zA-Z0-9 in `state`.
  const state = randomBytes(32).toString('hex')
  return { state, held: { hash: sha256(state), expiresAt: epochSeconds(now) + OA_STATE_SECONDS } }
}

/**
 * WeChat sent the page back with `code` and `state`: the state must be the one held, unexpired and
 * unused; the code (named `codeField` in the request) is exchanged for the openid here (it never reaches the page). `consume` is the
 * holder's conditional write on the state's hash: of two returns with one state only the first
 * gets through, the other is refused like a used state.
 */
export async function redeemAuthorizationState(
  held: HeldState | undefined,
  input: { code: string; state: string },
  now: Date,
  exchange: (code: string) => Promise<string | null>,
  consume: (stateHash: string, openid: string) => Promise<boolean>,
  codeField = 'code',
): Promise<string> {
  const stateHash = sha256(input.state)
  const same = held?.hash?.length === stateHash.length && timingSafeEqual(Buffer.from(held.hash), Buffer.from(stateHash))
  if (!same) throw refused('微信授权状态无效或已使用，请重新授权')
  if ((held.expiresAt ?? 0) <= epochSeconds(now)) throw refused('微信授权已超时，请重新授权')
  const openid = await exchange(input.code)
  if (!openid) throw new AppError('VALIDATION_FAILED', '微信授权失败，请重新授权', { [codeField]: '微信授权失败，请重新授权' })
  if (!(await consume(stateHash, openid))) throw refused('微信授权状态无效或已使用，请重新授权')
  return openid
}
