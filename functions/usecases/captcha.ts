import { createHash, randomUUID } from 'node:crypto'
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import svgCaptcha from 'svg-captcha'
import { dynamo, epochSeconds, keys } from '../adapters/dynamo'
import { config } from '../config'
import type { Outbox } from '../ports/outbox'

export const CAPTCHA_TTL_SECONDS = 5 * 60

function answerHash(captchaId: string, answer: string): string {
  return createHash('sha256').update(`${captchaId}:${answer.trim().toLowerCase()}`).digest('base64url')
}

/** Makes an image captcha; only a hash of its answer is stored, and it dies after five minutes. */
export async function createCaptcha(outbox: Outbox | null) {
  const captchaId = randomUUID()
  const { data, text } = svgCaptcha.create({ size: 4, noise: 2, color: true, ignoreChars: '0oO1iIlL', background: '#f2f3f5' })
  const now = new Date()
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

/**
 * Checks an answer and burns the captcha whatever the outcome: one image, one try.
 * The delete is conditional so two requests racing with the same captcha cannot both pass.
 */
export async function consumeCaptcha(captchaId: string, answer: string): Promise<boolean> {
  try {
    const result = await dynamo().send(
      new DeleteCommand({
        TableName: config.tableName,
        Key: keys.captcha(captchaId),
        ConditionExpression: 'attribute_exists(PK)',
        ReturnValues: 'ALL_OLD',
      }),
    )
    const stored = result.Attributes
    if (!stored || Number(stored.expiresAt) < epochSeconds(new Date())) return false
    return stored.answerHash === answerHash(captchaId, answer)
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false
    throw error
  }
}
