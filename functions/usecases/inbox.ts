import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { approvalKindsFor, APPROVAL_KIND_LABELS } from '../../shared/approvals'
import { associationName, CICPA_CODE } from '../../shared/associations'
import type { InboxResponse } from '../../shared/api/schemas'
import { dynamo, keys } from '../adapters/dynamo'
import type { Caller } from '../auth/tokens'
import { config } from '../config'

/**
 * Counts what waits for this staff member's level: local staff see their own association's
 * partition only, CICPA staff the national one. Pending items sit in a sparse GSI1 partition per
 * scope and kind, so each count is one Query, never a Scan.
 */
export async function inboxSummary(caller: Caller & { role: 'local_staff' | 'cicpa_staff' }): Promise<InboxResponse> {
  const scopeCode = caller.role === 'cicpa_staff' ? CICPA_CODE : caller.associationCode
  const categories = await Promise.all(
    approvalKindsFor(caller.role).map(async (kind) => {
      const result = await dynamo().send(
        new QueryCommand({
          TableName: config.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :partition',
          ExpressionAttributeValues: { ':partition': keys.pendingPartition(scopeCode, kind) },
          Select: 'COUNT',
        }),
      )
      return { kind, label: APPROVAL_KIND_LABELS[kind], pending: result.Count ?? 0 }
    }),
  )
  return {
    scope: { code: scopeCode, name: associationName(scopeCode) },
    total: categories.reduce((sum, category) => sum + category.pending, 0),
    categories,
  }
}
