import { createHash } from 'node:crypto'
import type { CaptchaStore } from '../ports/captchas'
import { epochSeconds, type Clock } from '../ports/clock'

export const CAPTCHA_TTL_SECONDS = 5 * 60

export function answerHash(captchaId: string, answer: string): string {
  return createHash('sha256').update(`${captchaId}:${answer.trim().toLowerCase()}`).digest('base64url')
}

/** Checks an answer and burns the captcha whatever the outcome: one image, one try. */
export async function consumeCaptcha(deps: { captchas: CaptchaStore; clock: Clock }, captchaId: string, answer: string): Promise<boolean> {
  const stored = await deps.captchas.take(captchaId)
  if (!stored || stored.expiresAt < epochSeconds(deps.clock.now())) return false
  return stored.answerHash === answerHash(captchaId, answer)
}
