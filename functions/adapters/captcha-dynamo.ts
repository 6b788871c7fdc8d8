import { deferred } from '../../shared/deferred'
import { DeleteCommand, PutCommand } from './dynamo-client'
import * as z from 'zod'
import { config } from '../config'
import type { CaptchaStore } from '../ports/captchas'
import { dynamo, isConditionFailure, keys } from './dynamo'

const storedCaptcha = deferred(() => z.object({ answerHash: z.string(), expiresAt: z.number() }))

export const dynamoCaptchas: CaptchaStore = {
  async save(captchaId, captcha) {
    await dynamo().send(new PutCommand({ TableName: config.tableName, Item: { ...keys.captcha(captchaId), ...captcha } }))
  },

  // Conditional delete: two requests racing with the same captcha cannot both get it.
  async take(captchaId) {
    try {
      const { Attributes } = await dynamo().send(
        new DeleteCommand({ TableName: config.tableName, Key: keys.captcha(captchaId), ConditionExpression: 'attribute_exists(PK)', ReturnValues: 'ALL_OLD' }),
      )
      return Attributes ? storedCaptcha.parse(Attributes) : undefined
    } catch (error) {
      if (isConditionFailure(error)) return undefined
      throw error
    }
  },
}
