import { randomUUID } from 'node:crypto'
import { QueryCommand } from './dynamo-client'
import type { MemberMessage } from '../../shared/api/inspection-schemas'
import { TrailEntry } from '../../shared/api/schemas'
import { config } from '../config'
import { dynamo, keys, newItemPut } from './dynamo'
import { handledBy, type HandledRecord } from './pending'

/**
 * Approval trails (查看审批信息) live under the item they belong to, one row per action.
 * `trailPut` is a TransactWriteItems element, so the entry is written in the same transaction as
 * the state change it records: no action without its entry, no entry without its action.
 *
 * The entry of a level's decision names it (`handled`): that makes the entry the decision's 已办
 * record, listed under the level and year in the same write that decides.
 */
export function trailPut(subjectPk: string, entry: TrailEntry, handled?: HandledRecord) {
  return {
    Put: {
      TableName: config.tableName,
      Item: { ...keys.trail(subjectPk, entry.at, randomUUID()), entity: 'trail', ...entry, ...(handled ? handledBy(handled, entry.at) : {}) },
    },
  }
}

export async function listTrail(subjectPk: string): Promise<TrailEntry[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :trail)',
      // Read right after a decision's write (its answer shows the trail with that decision).
      ConsistentRead: true,
      ExpressionAttributeValues: { ':pk': subjectPk, ':trail': keys.trailPrefix },
    }),
  )
  return (result.Items ?? []).map((item) => TrailEntry.parse(item))
}

/** A message to the member about a decision (🔔 on the home page), written in the decision's transaction. */
export function memberMessagePut(memberNo: string, message: MemberMessage) {
  return newItemPut({ ...keys.memberMessage(memberNo, message.id), entity: 'message', ...message })
}
