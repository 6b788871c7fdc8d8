import { dynamo } from '../functions/adapters/dynamo'

/**
 * What DynamoDB work this process asked for, whichever engine answers: requests, items the engine
 * read (a Query or Scan reads ScannedCount items, filtered-out ones included; a GetItem one when
 * found) and items written. The document client's commands carry the low-level names (GetItemCommand). These, not the local engine's latency, decide what a page costs on AWS.
 */
export interface Tally {
  requests: number
  itemsRead: number
  itemsWritten: number
  byCommand: Record<string, number>
}

const tally: Tally = { requests: 0, itemsRead: 0, itemsWritten: 0, byCommand: {} }
let installed = false

type Output = {
  ScannedCount?: number
  Item?: unknown
  Responses?: unknown[] | Record<string, unknown[]>
}
type Input = { RequestItems?: Record<string, unknown[]>; TransactItems?: unknown[] }

function read(command: string, output: Output): number {
  switch (command) {
    case 'QueryCommand':
    case 'ScanCommand':
      return output.ScannedCount ?? 0
    case 'GetItemCommand':
      return output.Item ? 1 : 0
    case 'BatchGetItemCommand':
      return Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce((sum, items) => sum + items.length, 0)
    case 'TransactGetItemsCommand':
      return (output.Responses as unknown[] | undefined)?.length ?? 0
    default:
      return 0
  }
}

function written(command: string, input: Input): number {
  switch (command) {
    case 'PutItemCommand':
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return 1
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems ?? {}).reduce((sum, requests) => sum + requests.length, 0)
    case 'TransactWriteItemsCommand':
      return input.TransactItems?.length ?? 0
    default:
      return 0
  }
}

/** Counts every request of this process's document client from now on. */
export function countDynamo(): void {
  if (installed) return
  installed = true
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown'
      tally.requests++
      tally.byCommand[command] = (tally.byCommand[command] ?? 0) + 1
      tally.itemsWritten += written(command, args.input as Input)
      const result = await next(args)
      tally.itemsRead += read(command, result.output as Output)
      return result
    },
    { step: 'initialize', name: 'benchDynamoTally' },
  )
}

export function snapshot(): Tally {
  return { ...tally, byCommand: { ...tally.byCommand } }
}

/** What happened between two snapshots. */
export function since(before: Tally): Tally {
  const now = snapshot()
  const byCommand: Record<string, number> = {}
  for (const [command, count] of Object.entries(now.byCommand)) {
    const delta = count - (before.byCommand[command] ?? 0)
    if (delta) byCommand[command] = delta
  }
  return {
    requests: now.requests - before.requests,
    itemsRead: now.itemsRead - before.itemsRead,
    itemsWritten: now.itemsWritten - before.itemsWritten,
    byCommand,
  }
}
