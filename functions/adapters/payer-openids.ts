import { GetCommand, UpdateCommand } from './dynamo-client'
import { config } from '../config'
import type { JsapiChannel } from '../ports/payments'
import { dynamo, isConditionFailure, keys } from './dynamo'

export async function keptPayerOpenid(memberNo: string, channel: JsapiChannel): Promise<string | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.payerOpenid(memberNo, channel), ConsistentRead: true }))
  return typeof result.Item?.openid === 'string' ? result.Item.openid : undefined
}

/** Written only when it changes: a member paying from the same WeChat again writes nothing. */
export async function keepPayerOpenid(memberNo: string, channel: JsapiChannel, openid: string, at: string): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.payerOpenid(memberNo, channel),
        UpdateExpression: 'SET openid = :openid, keptAt = :at, entity = :entity',
        ConditionExpression: 'attribute_not_exists(openid) OR openid <> :openid',
        ExpressionAttributeValues: { ':openid': openid, ':at': at, ':entity': 'payer-openid' },
      }),
    )
  } catch (error) {
    if (!isConditionFailure(error)) throw error
  }
}
