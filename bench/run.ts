/**
 * `npm run bench` (not part of the tests): the local engine's start time, Lambda bundle sizes and
 * cold import times, QR verification cost, DynamoDB round trips of every route (a Scan fails the
 * bench), API latency under load on the local stack, weapp package sizes, the staff workbench at a
 * province's volume (bench/workbench.ts), the H5 first screen on an emulated phone
 * (bench/first-screen.ts), the developer loop (bench/loop.ts). `--only round-trips` (comma-separated) runs parts alone.
 */
import { parseArgs } from 'node:util'
import { benchApi } from './api-load'
import { benchBundles } from './bundles'
import { benchEngine } from './engine'
import { benchFirstScreen } from './first-screen'
import { benchLogin } from './login'
import { benchLoop } from './loop'
import { benchRoundTrips } from './round-trips'
import { benchVerification } from './verify'
import { benchWeapp } from './weapp'
import { benchWorkbench } from './workbench'

/** Each part prints its own report; what it returns are the reasons the bench must fail. */
const parts: Record<string, () => void | Promise<void> | string[] | Promise<string[]>> = {
  engine: benchEngine,
  bundles: benchBundles,
  login: benchLogin,
  verification: benchVerification,
  'round-trips': benchRoundTrips,
  latency: benchApi,
  weapp: benchWeapp,
  workbench: benchWorkbench,
  'first-screen': benchFirstScreen,
  loop: benchLoop,
}

const { only } = parseArgs({ options: { only: { type: 'string' } } }).values
const chosen = only ? only.split(',') : Object.keys(parts)
const unknown = chosen.filter((name) => !(name in parts))
if (unknown.length) throw new Error(`unknown bench part ${unknown.join(', ')}; parts: ${Object.keys(parts).join(', ')}`)

const failures: string[] = []
for (const name of chosen) {
  const result = await parts[name]!()
  if (Array.isArray(result)) failures.push(...result.map((failure) => `${name}: ${failure}`))
}
if (failures.length) {
  console.error(`\nBENCH FAILED\n${failures.map((failure) => `  - ${failure}`).join('\n')}`)
  process.exitCode = 1
}
