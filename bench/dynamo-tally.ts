import { dynamo } from '../functions/adapters/dynamo'

/**
 * What DynamoDB work this process asked for, whichever engine answers: requests, items the engine
 * read (a Query or Scan reads ScannedCount items, filtered-out ones included; a GetItem one when
 * found) and items written. Requests are counted by DynamoDB's operation names (GetItem). These, not the local engine's latency, decide what a page costs on AWS.
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
    case 'Query':
    case 'Scan':
      return output.ScannedCount ?? 0
    case 'GetItem':
      return output.Item ? 1 : 0
    case 'BatchGetItem':
      return Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce((sum, items) => sum + items.length, 0)
    case 'TransactGetItems':
      return (output.Responses as unknown[] | undefined)?.length ?? 0
    default:
      return 0
  }
}

function written(command: string, input: Input): number {
  switch (command) {
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return 1
    case 'BatchWriteItem':
      return Object.values(input.RequestItems ?? {}).reduce((sum, requests) => sum + requests.length, 0)
    case 'TransactWriteItems':
      return input.TransactItems?.length ?? 0
    default:
      return 0
  }
}

/** Counts every request of this process's document client from now on. */
export function countDynamo(): void {
  if (installed) return
  installed = true
  dynamo().intercept(async ({ operation, input }, proceed) => {
    tally.requests++
    tally.byCommand[operation] = (tally.byCommand[operation] ?? 0) + 1
    tally.itemsWritten += written(operation, input as Input)
    const output = await proceed()
    tally.itemsRead += read(operation, output as Output)
    return output
  })
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
