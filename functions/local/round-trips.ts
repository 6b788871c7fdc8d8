import { AsyncLocalStorage } from 'node:async_hooks'
import { appendFileSync } from 'node:fs'
import { dynamo } from '../adapters/dynamo'

/**
 * `ROUND_TRIP_LOG=<file>` (set by `npm run bench`): the local API server appends one JSON line per
 * request with the DynamoDB calls it made, so the bench can report round trips for every route
 * from whatever traffic reaches the server (the integration tests). Off, it costs nothing.
 */
export interface RoundTripRecord {
  /** API Gateway's route key (`GET /api/v1/…`, or `$default` for an unmatched path). */
  route: string
  status: number
  roundTrips: number
  scan: boolean
}

const current = new AsyncLocalStorage<{ roundTrips: number; scan: boolean }>()
const instrumented = new WeakSet<object>()

function instrument() {
  const client = dynamo()
  if (instrumented.has(client)) return
  instrumented.add(client)
  client.intercept(
    ({ operation }, proceed) => {
      const request = current.getStore()
      if (request) {
        request.roundTrips++
        if (operation === 'Scan') request.scan = true
      }
      return proceed()
    },
    // Outermost, so a Scan is counted even when the IAM emulation then refuses it.
    { outermost: true },
  )
}

export async function logRoundTrips<T extends { statusCode?: number }>(route: string, work: () => Promise<T>): Promise<T> {
  const file = process.env.ROUND_TRIP_LOG
  if (!file) return work()
  instrument()
  const request = { roundTrips: 0, scan: false }
  const write = (status: number) => appendFileSync(file, `${JSON.stringify({ route, status, ...request } satisfies RoundTripRecord)}\n`)
  try {
    const result = await current.run(request, work)
    write(result.statusCode ?? 200)
    return result
  } catch (error) {
    // The server answers a thrown handler with 502.
    write(502)
    throw error
  }
}
