import { randomUUID } from 'node:crypto'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import svgCaptcha from 'svg-captcha'
import { dynamo, epochSeconds, keys } from '../adapters/dynamo'
import { config } from '../config'
import type { Outbox } from '../ports/outbox'
import { answerHash, CAPTCHA_TTL_SECONDS } from './captcha'
import { clock } from '../adapters/clock'

// Kept apart from consumeCaptcha: svg-captcha carries a font parser (~150 KB) that only the
// captcha function's bundle should pay for.
/** Makes an image captcha; only a hash of its answer is stored, and it dies after five minutes. */
export async function createCaptcha(outbox: Outbox | null) {
  const captchaId = randomUUID()
  const { data, text } = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1iIlL', background: '#f2f3f5' })
  const now = clock.now()
  await dynamo().send(
    new PutCommand({
      TableName: config.tableName,
      Item: {
        ...keys.captcha(captchaId),
        answerHash: answerHash(captchaId, text),
        expiresAt: epochSeconds(now) + CAPTCHA_TTL_SECONDS,
      },
    }),
  )
  await outbox?.deliver({ channel: 'captcha', recipient: captchaId, body: text })
  return {
    captchaId,
    image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`,
    expiresInSeconds: CAPTCHA_TTL_SECONDS,
  }
}

