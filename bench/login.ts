import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hashSecret, verifySecret } from '../functions/auth/passwords'
import { DEMO_MEMBERS } from '../functions/local/demo-data'
import { seedDemoData } from '../functions/local/seed'
import { startEngines, startServers, useLocalStorage } from '../functions/local/stack'
import { routes } from '../shared/api/contract'
import { ROOT } from '../scripts/local-settings'
import { loginBody, percentile, send, type Prepared } from './local-api'

const SINGLE_RUNS = 5
const CONCURRENT = 50
/** Lambda's documented share: one full vCPU at 1,769 MB, proportionally less below. */
const FULL_VCPU_MB = 1769

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

/** Wall and CPU time of one password hash (CPU includes the threadpool thread doing the work). */
async function hashCost() {
  const stored = await hashSecret('Bench2026pw')
  const wall: number[] = []
  const cpu: number[] = []
  for (let run = 0; run < SINGLE_RUNS; run++) {
    const started = performance.now()
    const used = process.cpuUsage()
    await verifySecret('Bench2026pw', stored)
    const spent = process.cpuUsage(used)
    wall.push(performance.now() - started)
    cpu.push((spent.user + spent.system) / 1000)
  }
  return { scheme: stored.split('$').slice(0, -2).join('$'), wallMs: median(wall), cpuMs: median(cpu) }
}

/** The auth function's memory as serverless.yml deploys it (its own memorySize, else the provider's). */
function authMemoryMb(): number {
  const yml = readFileSync(`${ROOT}/serverless.yml`, 'utf8')
  const auth = /\n {2}auth:\n((?: {4}.*\n|\s*\n)*)/.exec(yml)?.[1] ?? ''
  const own = /\n? {4}memorySize: (\d+)/.exec(auth)?.[1]
  return Number(own ?? /\n {2}memorySize: (\d+)/.exec(yml)![1])
}

async function timedLogins(base: string, prepared: Prepared[], clients: number) {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < prepared.length) {
        const request = prepared[next++]!
        const started = performance.now()
        const status = await send(base, request).then(
          ({ status }) => status,
          () => 0,
        )
        latencies.push(performance.now() - started)
        if (status !== 200) failures++
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures }
}

/**
 * `npm run bench -- --only login`: what one password check costs (here, and on the deployed auth
 * function's vCPU share), then logins through the local stack: one at a time, an unknown name's
 * first and later attempts (the decoy hash), and 50 at once.
 */
export async function benchLogin(): Promise<string[]> {
  const cost = await hashCost()
  const memory = authMemoryMb()
  const share = Math.min(1, memory / FULL_VCPU_MB)
  console.log('\nLogin')
  console.log(`password hash ${cost.scheme}: ${cost.wallMs.toFixed(0)} ms wall, ${cost.cpuMs.toFixed(0)} ms CPU here (median of ${SINGLE_RUNS})`)
  console.log(
    `deployed auth function: ${memory} MB = ${share.toFixed(2)} vCPU (${FULL_VCPU_MB} MB = 1 vCPU) → ≈ ${(cost.cpuMs / share).toFixed(0)} ms per check (goal ≤ 600 ms per login)`,
  )

  const engines = await startEngines({})
  try {
    const suffix = randomUUID().slice(0, 8)
    await useLocalStorage(engines, { tableName: `bench-${suffix}`, bucketName: `bench-${suffix}` })
    await seedDemoData()
    const servers = await startServers({ apiPort: 0 })
    const base = servers.apiUrl
    const member = DEMO_MEMBERS[0]!.account
    const prepare = async (account: typeof member) => ({ path: routes.login.path, method: 'POST', body: await loginBody(base, account) })

    const singles: number[] = []
    for (let run = 0; run < SINGLE_RUNS; run++) singles.push((await timedLogins(base, [await prepare(member)], 1)).p50)
    console.log(`local stack, one login at a time: ${median(singles).toFixed(0)} ms (median of ${SINGLE_RUNS})`)

    // A name without an account: the first attempt in a fresh process must cost what later ones do.
    const stranger = { ...member, username: `99${Date.now().toString().slice(-10)}` }
    const unknown: number[] = []
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      await send(base, await prepare(stranger))
      unknown.push(performance.now() - started)
    }
    console.log(`unknown name: first ${unknown[0]!.toFixed(0)} ms, then ${unknown[1]!.toFixed(0)} / ${unknown[2]!.toFixed(0)} ms`)

    const prepared = await Promise.all(Array.from({ length: CONCURRENT }, () => prepare(member)))
    const started = performance.now()
    const burst = await timedLogins(base, prepared, CONCURRENT)
    const total = performance.now() - started
    console.log(
      `${CONCURRENT} simultaneous logins: p50 ${burst.p50.toFixed(0)} ms, p99 ${burst.p99.toFixed(0)} ms, all done in ${total.toFixed(0)} ms, ${burst.failures} failed`,
    )
    await servers.stop()
    return burst.failures ? [`${burst.failures} of ${CONCURRENT} simultaneous logins failed`] : []
  } finally {
    await engines.stop()
  }
}
