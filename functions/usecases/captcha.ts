import { createHash } from 'node:crypto'
import { DeleteCommand } from '@aws-sdk/lib-dynamodb'
import { dynamo, epochSeconds, keys } from '../adapters/dynamo'
import { config } from '../config'
import { clock } from '../adapters/clock'

export const CAPTCHA_TTL_SECONDS = 5 * 60

export function answerHash(captchaId: string, answer: string): string {
  return createHash('sha256').update(`${captchaId}:${answer.trim().toLowerCase()}`).digest('base64url')
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
    if (!stored || Number(stored.expiresAt) < epochSeconds(clock.now())) return false
    return stored.answerHash === answerHash(captchaId, answer)
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false
    throw error
  }
}
