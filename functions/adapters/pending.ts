import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { ApprovalKind } from '../../shared/approvals'
import type { InboxItem } from '../../shared/api/schemas'
import { config } from '../config'
import type { Inbox } from '../ports/inbox'
import { countAll, dynamo, keys, type TransactItem } from './dynamo'

/**
 * How any item waits in a staff inbox: these attributes, written on the item itself in the same
 * (conditional) write that makes it pending. GSI1 is sparse, so removing GSI1PK/GSI1SK when the
 * item is decided (`STOP_WAITING`) takes it out of every inbox and count at once.
 *
 * `scopeCode` is the association code for local staff, CICPA_CODE for CICPA staff.
 */
export function waitingFor(scopeCode: string, kind: ApprovalKind, item: { id: string; title: string; subtitle: string; submittedAt: string }) {
  return {
    GSI1PK: keys.pendingPartition(scopeCode, kind),
    GSI1SK: `${item.submittedAt}#${item.id}`,
    inboxKind: kind,
    inboxItemId: item.id,
    inboxTitle: item.title,
    inboxSubtitle: item.subtitle,
    submittedAt: item.submittedAt,
  }
}

/** Append to an UpdateExpression (as its REMOVE clause) when an item stops waiting for a level. */
export const STOP_WAITING = 'REMOVE GSI1PK, GSI1SK'

function countWaiting(scopeCode: string, kind: ApprovalKind): Promise<number> {
  return countAll({
    TableName: config.tableName,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :partition',
    ExpressionAttributeValues: { ':partition': keys.pendingPartition(scopeCode, kind) },
  })
}

/** The attributes `waitingFor` put on a waiting item. */
const storedWaiting = z.object({ inboxItemId: z.string(), inboxTitle: z.string(), inboxSubtitle: z.string(), submittedAt: z.string() })

async function listWaiting(scopeCode: string, kind: ApprovalKind, limit: number): Promise<InboxItem[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.pendingPartition(scopeCode, kind) },
      Limit: limit,
    }),
  )
  return (result.Items ?? []).map((item) => {
    const waiting = storedWaiting.parse(item)
    return { id: waiting.inboxItemId, kind, title: waiting.inboxTitle, subtitle: waiting.inboxSubtitle, submittedAt: waiting.submittedAt }
  })
}

export const dynamoInbox: Inbox = { count: countWaiting, list: listWaiting }

/**
 * The one way a pending item is decided: only from the pending version the reviewer read, and out
 * of every inbox in the same write. `set` holds what the decision records (`status` among them);
 * undefined values are removed from the item, and a decision that hands the item to the next
 * level's inbox sets its GSI1 attributes anew (`waitingFor`). Items whose state is another
 * attribute (an admission's `stage`) name it in `state`. Put it in the transaction that writes the
 * decision's trail entry and messages: a second or concurrent decision fails that transaction's
 * condition.
 */
export function decidePending(
  key: { PK: string; SK: string },
  expectedVersion: number,
  set: Record<string, unknown>,
  state: { attribute: string; pending: string } = { attribute: 'status', pending: 'pending' },
): TransactItem {
  const names: Record<string, string> = { '#status': state.attribute, '#version': 'version' }
  const values: Record<string, unknown> = { ':pending': state.pending, ':expected': expectedVersion, ':one': 1 }
  const assignments = ['#version = #version + :one']
  const removals = ['GSI1PK', 'GSI1SK'].filter((attribute) => !(attribute in set))
  Object.entries(set).forEach(([attribute, value], index) => {
    names[`#a${index}`] = attribute
    if (value === undefined) removals.push(`#a${index}`)
    else {
      values[`:a${index}`] = value
      assignments.push(`#a${index} = :a${index}`)
    }
  })
  return {
    Update: {
      TableName: config.tableName,
      Key: key,
      UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: '#status = :pending AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }
}
