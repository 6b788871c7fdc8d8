import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { clock } from '../functions/adapters/clock'
import { DEMO_STAFF } from '../functions/local/demo-data'
import { seedAccount, seedDemoData } from '../functions/local/seed'
import { startEngines, startServers, useLocalStorage } from '../functions/local/stack'
import { loadVolume } from '../functions/local/volume'
import { bundleFunction } from '../scripts/bundle'
import { ROOT } from '../scripts/local-settings'
import type { RouteDef } from '../shared/api/route-def'
import { workbenchRoutes } from '../shared/api/routes/workbench'
import type { ExportJob, InboxItem } from '../shared/api/workbench-schemas'
import { MAX_BATCH_PASS, MAX_PAGE_SIZE } from '../shared/workbench'
import { countDynamo, since, snapshot, type Tally } from './dynamo-tally'
import { accessToken, json, percentile, send, type Prepared } from './local-api'

/** Issue 17's province: override with BENCH_MEMBERS / BENCH_PENDING for a quicker run. */
const ASSOCIATION = 'ZJ'
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const PENDING = Number(process.env.BENCH_PENDING ?? 5_000)
const STAFF = 50
// Kept as first measured, so figures stay comparable across runs.
const PAGES_PER_STAFF = 3
const SEARCHES = 20
/** A Lambda's budget for the export (issue 17). */
const EXPORT_GOAL = { seconds: 30, megabytes: 256 }

const path = (template: string, params: Record<string, string>, query: Record<string, string | number | undefined> = {}) => {
  const filled = template.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(params[name]!))
  const search = new URLSearchParams(Object.entries(query).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])))
  return search.size ? `${filled}?${search}` : filled
}

/** A section whose route does not answer yet (its feature has not landed) is skipped, not failed. */
class NotAnswering extends Error {}

/** A workbench route's path, or NotAnswering while the contract does not have it yet. */
function routePath(name: string): string {
  const route = (workbenchRoutes as Record<string, RouteDef | undefined>)[name]
  if (!route) throw new NotAnswering(`route ${name} is not in the contract yet`)
  return route.path
}

function expectOk(what: string, answer: { status: number; body: unknown }) {
  if (answer.status !== 200) throw new NotAnswering(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`)
  return answer.body
}

async function section(title: string, run: () => Promise<void>) {
  try {
    await run()
  } catch (error) {
    if (!(error instanceof NotAnswering)) throw error
    console.log(`  ${title}: skipped (${error.message})`)
  }
}

const ms = (value: number) => value.toFixed(1).padStart(8)

function costLine(name: string, tally: Tally, returned: number | string, elapsed: number) {
  const commands = Object.entries(tally.byCommand)
    .map(([command, count]) => `${command.replace(/Command$/, '')}×${count}`)
    .join(' ')
  console.log(
    `  ${name.padEnd(34)} ${String(tally.requests).padStart(8)} ${String(tally.itemsRead).padStart(10)} ${String(tally.itemsWritten).padStart(8)} ${String(returned).padStart(8)} ${ms(elapsed)}  ${commands}`,
  )
}

/** Runs concurrent clients over prepared requests; answers sorted latencies and the non-200 count. */
async function load(base: string, clients: number, prepared: Prepared[]) {
  const latencies: number[] = []
  let errors = 0
  let next = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < prepared.length) {
        const request = prepared[next++]!
        const started = performance.now()
        const { status } = await send(base, request).catch(() => ({ status: 0 }))
        latencies.push(performance.now() - started)
        if (status !== 200) errors++
      }
    }),
  )
  return { sorted: latencies.sort((a, b) => a - b), errors }
}

const latencyLine = (name: string, clients: number, { sorted, errors }: { sorted: number[]; errors: number }) =>
  console.log(
    `  ${name.padEnd(34)} ${String(clients).padStart(7)} ${String(sorted.length).padStart(8)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 99))} ${String(errors).padStart(7)}`,
  )

/**
 * The staff workbench at a province's volume (issue 17): a fresh table loaded with
 * functions/local/volume.ts, then what each operation costs in DynamoDB requests and items read
 * (engine-independent: what decides cost and scale on AWS) and, on the local engine, list and
 * search latency under 50 staff, a batch of 500 passes, and the export's time and peak memory.
 * Returns what must fail the bench: an export over a Lambda's budget.
 */
export async function benchWorkbench(): Promise<string[]> {
  const failures: string[] = []
  const engines = await startEngines({})
  try {
    const suffix = randomUUID().slice(0, 8)
    await useLocalStorage(engines, { tableName: `bench-wb-${suffix}`, bucketName: `bench-wb-${suffix}` })
    // Before startServers adds its own addresses (e.g. where to invoke functions), which the export's server must choose itself.
    const serverEnv = { ...process.env }
    await seedDemoData()
    console.log(`\nStaff workbench at volume: loading ${MEMBERS} members and ${PENDING} pending items of ${ASSOCIATION} (functions/local/volume.ts)…`)
    const loaded = await loadVolume({
      associationCode: ASSOCIATION,
      members: MEMBERS,
      pending: PENDING,
      now: clock.now(),
      log: (line) => console.log(`  ${line}`),
    })
    console.log(`  loaded in ${loaded.seconds.toFixed(1)} s (${loaded.year}年度)`)
    countDynamo()
    const servers = await startServers({ apiPort: 0 })
    const base = servers.apiUrl
    const staffAccount = DEMO_STAFF.find((account) => account.associationCode === ASSOCIATION)!
    const token = await accessToken(base, staffAccount)
    const auth = { authorization: `Bearer ${token}` }
    const get = (target: string) => json(base, target, { headers: auth })

    /** One request with its DynamoDB work, nothing else running; a failed answer is shown, its work counted all the same. */
    async function measured(name: string, target: string, init: RequestInit = {}) {
      const before = snapshot()
      const started = performance.now()
      const answer = await json(base, target, { ...init, headers: { ...auth, ...(init.headers ?? {}) } })
      const elapsed = performance.now() - started
      const body = answer.body as { items?: unknown[]; passed?: unknown[]; count?: number }
      const returned = answer.status === 200 ? (body.items?.length ?? body.passed?.length ?? body.count ?? '–') : `HTTP ${answer.status}`
      costLine(name, since(before), returned, elapsed)
      return answer.status === 200 ? body : {}
    }
    const list = (query: Record<string, string | number | undefined>) => path(routePath('inboxItems'), { kind: 'inspection' }, query)

    console.log('\nDynamoDB work per operation (one request, nothing else running; engine-independent)')
    console.log(`  ${'operation'.padEnd(34)} requests items read  written returned       ms  requests by command`)
    let sample: InboxItem[] = []
    await section('lists and search', async () => {
      await measured('待办 summary (all kinds, counts)', routePath('inbox'))
      const first = (await measured('inbox page 1 (20, oldest)', list({}))) as { items?: InboxItem[]; nextCursor?: string }
      sample = first.items ?? []
      if (!sample.length) throw new NotAnswering('the first inbox page came back empty')
      if (first.nextCursor) await measured('inbox page 2 (cursor)', list({ cursor: first.nextCursor }))
      await measured('inbox page 1 (20, newest)', list({ order: 'newest' }))
      await measured('inbox page, state = 退回后重新提交', list({ state: 'resubmitted' }))
      const week = new Date(clock.now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10)
      await measured('inbox page, submitted last 7 days', list({ from: week }))
      await measured('count, state = 退回后重新提交', path(routePath('inboxCount'), { kind: 'inspection' }, { state: 'resubmitted' }))
      const someone = sample.at(-1)!
      await measured('search 会员编号 (whole)', list({ q: someone.number }))
      await measured('search 会员编号 (first 8 digits)', list({ q: someone.number.slice(0, 8) }))
      await measured('search name (whole)', list({ q: someone.title }))
      await measured('search name (surname)', list({ q: someone.title.slice(0, 1) }))
    })
    await section('已办', () => measured('已办 page (year)', path(routePath('handled'), {}, { year: loaded.year })).then(() => undefined))
    await section('figures', () => measured('figures (year)', path(routePath('figures'), {}, { year: loaded.year })).then(() => undefined))
    await section('batch pass', async () => {
      const item = sample[0]
      if (!item) throw new NotAnswering('no inbox page to pick an item from')
      await measured('batch pass of 1 item', path(routePath('batchPass'), { kind: 'inspection' }), {
        method: 'POST',
        body: JSON.stringify({ items: [{ id: item.id, version: item.version }] }),
      })
    })

    console.log(`\nLocal engine latency (ms; moto serves one request at a time, so these are the local stack's, not DynamoDB's)`)
    console.log(`  ${'operation'.padEnd(34)} clients requests      p50      p99  errors`)
    await section('inbox paging under load', async () => {
      expectOk('inbox page', await get(list({})))
      // One after another: fifty password checks at once would only time the hashing out.
      const tokens: string[] = []
      for (let index = 0; index < STAFF; index++) {
        const account = { ...staffAccount, username: `${ASSOCIATION.toLowerCase()}_bench_${index + 1}`, displayName: `浙江注协审核员${index + 1}` }
        await seedAccount(account)
        tokens.push(await accessToken(base, account))
      }
      // Each staff member walks the list page by page, as the cursors of a real session come back.
      const latencies: number[] = []
      let errors = 0
      await Promise.all(
        tokens.map(async (staffToken, index) => {
          let cursor: string | undefined
          const order = index % 2 ? 'newest' : 'oldest'
          for (let page = 0; page < PAGES_PER_STAFF; page++) {
            const started = performance.now()
            const answer = await send(base, { path: list({ order, cursor }), headers: { authorization: `Bearer ${staffToken}` } })
            latencies.push(performance.now() - started)
            if (answer.status !== 200) {
              errors++
              break
            }
            cursor = (JSON.parse(answer.body) as { nextCursor?: string }).nextCursor
            if (!cursor) break
          }
        }),
      )
      latencyLine(`inbox page (${PAGES_PER_STAFF} pages each)`, STAFF, { sorted: latencies.sort((a, b) => a - b), errors })
    })
    await section('search latency', async () => {
      const pool = (expectOk('inbox page', await get(list({ limit: MAX_PAGE_SIZE }))) as { items: InboxItem[] }).items
      const searches = (kind: 'number' | 'name') =>
        Array.from({ length: SEARCHES }, (_, index) => {
          const item = pool[index % pool.length]!
          return { path: list({ q: kind === 'number' ? item.number : item.title }), headers: auth }
        })
      for (const kind of ['number', 'name'] as const) {
        for (const clients of [1, STAFF])
          latencyLine(`search by ${kind === 'number' ? '会员编号' : 'name'}`, clients, await load(base, clients, searches(kind)))
      }
    })
    await section('batch of 500', async () => {
      const chosen: InboxItem[] = []
      let cursor: string | undefined
      while (chosen.length < MAX_BATCH_PASS) {
        const page = expectOk('inbox page', await get(list({ limit: MAX_PAGE_SIZE, cursor }))) as { items: InboxItem[]; nextCursor?: string }
        chosen.push(...page.items)
        cursor = page.nextCursor
        if (!cursor) break
      }
      const items = chosen.slice(0, MAX_BATCH_PASS).map(({ id, version }) => ({ id, version }))
      const before = snapshot()
      const started = performance.now()
      const answer = await json(base, path(routePath('batchPass'), { kind: 'inspection' }), { method: 'POST', headers: auth, body: JSON.stringify({ items }) })
      const seconds = (performance.now() - started) / 1000
      const body = expectOk('batch pass', answer) as { passed: unknown[]; changed: unknown[] }
      const work = since(before)
      console.log(
        `  batch pass of ${items.length}: ${seconds.toFixed(1)} s, ${body.passed.length} passed, ${body.changed.length} changed meanwhile; ` +
          `per item ${(work.requests / items.length).toFixed(2)} requests, ${(work.itemsRead / items.length).toFixed(2)} items read, ${(work.itemsWritten / items.length).toFixed(2)} written`,
      )
    })
    await servers.stop()
    await section('export', () => benchExport(serverEnv, token, loaded.year, failures))
  } finally {
    await engines.stop()
  }
  return failures
}

/**
 * Lambda's Invoke API for the export's worker, answered here: the worker runs as Lambda runs it,
 * a `node` process with the exports function's deployed bundle and nothing else loaded, so its
 * peak RSS is what the function needs (runtime included), unlike the API server that loads
 * every handler. `finished` settles with the worker's peak RSS once it has exited.
 */
async function workerLikeLambda(env: NodeJS.ProcessEnv) {
  const { file } = await bundleFunction('exports')
  let settle: (outcome: { maxRssMb: number } | Error) => void = () => undefined
  const finished = new Promise<{ maxRssMb: number } | Error>((resolve) => (settle = resolve))
  const runWorker = `
    const { handler } = require(process.argv[1])
    const context = { functionName: 'exports', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:exports',
      memoryLimitInMB: '256', awsRequestId: 'bench', logGroupName: 'bench', logStreamName: 'bench', getRemainingTimeInMillis: () => 900000 }
    handler(JSON.parse(process.argv[2]), context).then(() => console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })))`
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      response.writeHead(202).end()
      const worker = spawn(process.execPath, ['-e', runWorker, file, Buffer.concat(chunks).toString('utf8')], { env, stdio: ['ignore', 'pipe', 'inherit'] })
      let output = ''
      worker.stdout.on('data', (chunk: Buffer) => (output += chunk))
      worker.once('close', (code) => {
        const report = output.trim().split('\n').at(-1) ?? ''
        settle(code === 0 && report.startsWith('{') ? JSON.parse(report) : new Error(`the worker exited with ${code}: ${output.slice(-300)}`))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { endpoint: `http://127.0.0.1:${port}`, finished, close: () => new Promise((resolve) => server.close(resolve)) }
}

/**
 * The year's 会员学时 export (a row per member), twice: first run by an API server process of its
 * own, whose DynamoDB tally is the export's (start, progress polls and the worker); then with the
 * worker run as Lambda would run it, whose time and peak RSS are measured against a Lambda's budget.
 */
async function benchExport(env: NodeJS.ProcessEnv, token: string, year: number, failures: string[]) {
  const inServer = await exportThroughServer(env, token, year)
  console.log(`\nExport of ${inServer.rows} rows (会员学时 ${year}年度), worker inside an API server process of its own: ${inServer.outcome}`)
  console.log(
    `  time ${inServer.seconds.toFixed(1)} s, that process's peak RSS ${inServer.maxRssMb.toFixed(0)} MB (every handler loaded; ${inServer.idleRssMb.toFixed(0)} MB before the export)`,
  )
  console.log(
    `  DynamoDB: ${inServer.work.requests} requests, ${inServer.work.itemsRead} items read, ${inServer.work.itemsWritten} written (start + ${inServer.polls} progress polls + the worker)`,
  )
  const lambdaLike = await workerLikeLambda(env)
  try {
    const alone = await exportThroughServer({ ...env, BENCH_LAMBDA_ENDPOINT: lambdaLike.endpoint }, token, year)
    const worker = await lambdaLike.finished
    if (worker instanceof Error) throw worker
    console.log(`Same export, worker run alone as Lambda runs it (node + .esbuild/exports/index.cjs): ${alone.outcome}`)
    console.log(
      `  time ${alone.seconds.toFixed(1)} s (goal < ${EXPORT_GOAL.seconds} s), worker peak RSS ${worker.maxRssMb.toFixed(0)} MB (goal < ${EXPORT_GOAL.megabytes} MB)`,
    )
    if (alone.outcome !== 'done') failures.push(`export ended ${alone.outcome}`)
    if (alone.seconds >= EXPORT_GOAL.seconds) failures.push(`export took ${alone.seconds.toFixed(1)} s (goal < ${EXPORT_GOAL.seconds} s)`)
    if (worker.maxRssMb >= EXPORT_GOAL.megabytes) failures.push(`export worker peak RSS ${worker.maxRssMb.toFixed(0)} MB (goal < ${EXPORT_GOAL.megabytes} MB)`)
  } finally {
    await lambdaLike.close()
  }
}

/** Starts the export in an API server process of its own, polls it as the page does until it settles. */
async function exportThroughServer(env: NodeJS.ProcessEnv, token: string, year: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/workbench-server.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const nextJson = async () => JSON.parse(String((await lines.next()).value))
  try {
    const { url } = (await nextJson()) as { url: string }
    const auth = { authorization: `Bearer ${token}` }
    const report = async () => {
      child.stdin.write('report\n')
      return (await nextJson()) as { maxRssMb: number; tally: Tally }
    }
    const idle = await report()
    const started = performance.now()
    let job = expectOk(
      'start export',
      await json(url, routePath('startExport'), { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'member_hours', year }) }),
    ) as ExportJob
    let polls = 0
    while (job.status === 'queued' || job.status === 'running') {
      if (performance.now() - started > 300_000) throw new Error('the export did not finish in 5 minutes')
      await new Promise((resolve) => setTimeout(resolve, 250))
      job = expectOk('export job', await json(url, path(routePath('exportJob'), { id: job.id }), { headers: auth })) as ExportJob
      polls++
    }
    const seconds = (performance.now() - started) / 1000
    const done = await report()
    const work: Tally = {
      requests: done.tally.requests - idle.tally.requests,
      itemsRead: done.tally.itemsRead - idle.tally.itemsRead,
      itemsWritten: done.tally.itemsWritten - idle.tally.itemsWritten,
      byCommand: {},
    }
    return {
      rows: job.total ?? job.processed,
      outcome: `${job.status}${job.failure ? ` — ${job.failure}` : ''}`,
      seconds,
      polls,
      work,
      maxRssMb: done.maxRssMb,
      idleRssMb: idle.maxRssMb,
    }
  } finally {
    child.stdin.end()
    await new Promise((resolve) => child.once('close', resolve))
  }
}
