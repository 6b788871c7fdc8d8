import { randomUUID } from 'node:crypto'
import svgCaptcha from 'svg-captcha'
import type { CaptchaStore } from '../ports/captchas'
import { epochSeconds, type Clock } from '../ports/clock'
import type { Outbox } from '../ports/outbox'
import { answerHash, CAPTCHA_TTL_SECONDS } from './captcha'

// Kept apart from consumeCaptcha: svg-captcha carries a font parser (~150 KB) that only the
// captcha function's bundle should pay for.
/** Makes an image captcha; only a hash of its answer is stored, and it dies after five minutes. */
export async function createCaptcha(deps: { captchas: CaptchaStore; clock: Clock; outbox: Outbox | null }) {
  const captchaId = randomUUID()
  const { data, text } = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1iIlL', background: '#f2f3f5' })
  await deps.captchas.save(captchaId, { answerHash: answerHash(captchaId, text), expiresAt: epochSeconds(deps.clock.now()) + CAPTCHA_TTL_SECONDS })
  await deps.outbox?.deliver({ channel: 'captcha', recipient: captchaId, body: text })
  return {
    captchaId,
    image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`,
    expiresInSeconds: CAPTCHA_TTL_SECONDS,
  }
}
