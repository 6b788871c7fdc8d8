import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RoundTripRecord } from '../functions/local/round-trips'
import { ROOT } from '../scripts/local-settings'
import { routes, type RouteDef } from '../shared/api/contract'

/** Taken before any bench part runs: the tests must not inherit what those set (QR key, endpoints). */
const launchEnv = { ...process.env }

type Stats = { count: number; text: string }

function stats(values: number[]): Stats {
  if (!values.length) return { count: 0, text: '–' }
  const sorted = [...values].sort((a, b) => a - b)
  return { count: sorted.length, text: `${sorted[0]}/${sorted[Math.floor((sorted.length - 1) / 2)]}/${sorted.at(-1)}` }
}

const cell = ({ count, text }: Stats) => `${String(count).padStart(5)} ${text.padStart(9)}`

/**
 * DynamoDB round trips of every contract route, as the integration tests drive them through the
 * local API server (which logs each request's calls, see functions/local/round-trips.ts). Returns
 * what must fail the bench: a route that issued a Scan, a contract route no request reached, or a
 * failed test run (its requests may be missing).
 */
export function benchRoundTrips(): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'cicpa-round-trips-'))
  const log = join(folder, 'requests.jsonl')
  const failures: string[] = []
  try {
    console.log("\nDynamoDB round trips per route (the integration tests' requests, counted on the API server's client; takes ~2 min)")
    const run = spawnSync('npx', ['vitest', 'run', 'tests/integration', '--reporter=dot'], {
      cwd: ROOT,
      env: { ...launchEnv, ROUND_TRIP_LOG: log },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    if (run.status !== 0) {
      console.log(`${run.stdout}${run.stderr}`.split('\n').slice(-40).join('\n'))
      failures.push(`integration tests failed (exit ${run.status ?? run.signal}), so some requests may be missing from the table`)
    }
    let records: RoundTripRecord[] = []
    try {
      records = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RoundTripRecord)
    } catch {
      failures.push('the API server logged no requests (is ROUND_TRIP_LOG still honoured by functions/local/api-server.ts?)')
    }

    const byRoute = new Map<string, RoundTripRecord[]>()
    for (const record of records) {
      if (!byRoute.has(record.route)) byRoute.set(record.route, [])
      byRoute.get(record.route)!.push(record)
    }
    const contract = Object.entries(routes as Record<string, RouteDef>).map(([name, route]) => ({ name, key: `${route.method} ${route.path}` }))
    const contractKeys = new Set(contract.map(({ key }) => key))
    // Unmatched paths ($default) reach the system function, so their calls are listed too.
    const rows = [...contract.map(({ key }) => key), ...[...byRoute.keys()].filter((key) => !contractKeys.has(key))]
    const width = Math.max(...rows.map((key) => key.length))
    console.log(`${'route'.padEnd(width)}  requests | 2xx: n min/med/max | 4xx: n min/med/max | other | Scan`)
    for (const key of rows) {
      const seen = byRoute.get(key) ?? []
      const among = (low: number) => stats(seen.filter(({ status }) => status >= low && status < low + 100).map(({ roundTrips }) => roundTrips))
      const other = seen.filter(({ status }) => status < 200 || (status >= 300 && status < 400) || status >= 500).map(({ status }) => status)
      const scan = seen.some((record) => record.scan)
      console.log(
        [
          key.padEnd(width),
          String(seen.length).padStart(9),
          '|',
          cell(among(200)).padStart(18),
          '|',
          cell(among(400)).padStart(18),
          '|',
          (other.length ? [...new Set(other)].join(',') : '').padStart(5),
          '|',
          scan ? 'SCAN' : seen.length ? 'no' : 'NOT REACHED',
        ].join(' '),
      )
      if (scan) failures.push(`${key} issued a Scan (no request path may Scan)`)
    }
    console.log(`(${records.length} requests; ${contract.length} contract routes; round trips = DynamoDB calls one request made; SDK retries not counted)`)
    const unreached = contract.filter(({ key }) => !byRoute.has(key))
    if (unreached.length)
      failures.push(
        `no integration test request reached ${unreached.length} contract route(s): ${unreached.map(({ name, key }) => `${name} (${key})`).join(', ')}`,
      )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  for (const failure of failures) console.log(`FAIL round trips: ${failure}`)
  return failures
}
