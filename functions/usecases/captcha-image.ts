import { randomUUID } from 'node:crypto'
import type { CaptchaImages, CaptchaStore } from '../ports/captchas'
import { epochSeconds, type Clock } from '../ports/clock'
import type { Outbox } from '../ports/outbox'
import { answerHash, CAPTCHA_TTL_SECONDS } from './captcha'

/** Makes an image captcha; only a hash of its answer is stored, and it dies after five minutes. */
export async function createCaptcha(deps: { captchas: CaptchaStore; images: CaptchaImages; clock: Clock; outbox: Outbox | null }) {
  const captchaId = randomUUID()
  const { answer, svg } = deps.images.draw()
  await deps.captchas.save(captchaId, { answerHash: answerHash(captchaId, answer), expiresAt: epochSeconds(deps.clock.now()) + CAPTCHA_TTL_SECONDS })
  await deps.outbox?.deliver({ channel: 'captcha', recipient: captchaId, body: answer })
  return {
    captchaId,
    image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    expiresInSeconds: CAPTCHA_TTL_SECONDS,
  }
}
