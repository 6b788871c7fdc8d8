/**
 * The developer loop (issue 18 goal 4), in a fresh clone of this checkout under /tmp: its own
 * node_modules folder of links to this one's packages, so webpack's cache (node_modules/.cache)
 * starts empty as after `npm install`, its own .local/ and ports.
 * - first `npm start` (no cache, no build, no data): seconds until it prints the URLs; a restart;
 * - the H5 build: skipped (sources unchanged), warm (a source file changed, cache full), cold (no cache);
 * - `npm test` (niced) and its phases, unless BENCH_LOOP_TEST=0.
 * Goals: first start ≤ 90 s, restart ≤ 10 s, `npm test` ≤ 600 s on a quiet 2-core machine; the
 * load average is printed beside each figure because this machine is shared.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../scripts/local-settings'

const CLONE = '/tmp/cicpa-bench-loop'
const PORTS = { WEB_PORT: '18080', API_PORT: '13000', ENGINE_PORT: '18000' }
const GOALS = { firstStart: 90, restart: 10, test: 600 }

const load = () => `load ${loadavg()[0]!.toFixed(1)}`

function freshClone() {
  rmSync(CLONE, { recursive: true, force: true })
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, CLONE])
  mkdirSync(join(CLONE, 'node_modules'))
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    // .cache holds webpack's cache, .vite vitest's timings of earlier runs: a fresh install has neither.
    if (entry !== '.cache' && entry !== '.vite') symlinkSync(join(ROOT, 'node_modules', entry), join(CLONE, 'node_modules', entry))
  }
}

/** Seconds until `npm start` prints its URL table; then Ctrl-C, which saves the data, and waits for it to end. */
async function timeStart(): Promise<number> {
  const started = performance.now()
  const child: ChildProcess = spawn('npm', ['start'], { cwd: CLONE, env: { ...process.env, ...PORTS }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let log = ''
  const ready = await new Promise<boolean>((resolve) => {
    const read = (chunk: Buffer) => {
      log += chunk
      if (log.includes('小程序 H5:')) resolve(true)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('close', () => resolve(false))
  })
  const seconds = (performance.now() - started) / 1000
  if (!ready) throw new Error(`npm start ended without its URLs:\n${log.slice(-3000)}`)
  const ended = new Promise((resolve) => child.on('close', resolve))
  process.kill(-child.pid!, 'SIGINT')
  await ended
  return seconds
}

/** Wall and CPU seconds (user + system, children included) of one command in the clone. */
function timed(command: string[]): { wall: number; cpu: number; output: string; ok: boolean } {
  const timesFile = join(CLONE, '.bench-times')
  rmSync(timesFile, { force: true })
  const run = spawnSync('/usr/bin/time', ['-o', timesFile, '-f', '%e %U %S', ...command], { cwd: CLONE, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const [wall, user, system] = readFileSync(timesFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
  return { wall: wall!, cpu: user! + system!, output: `${run.stdout}${run.stderr}`, ok: run.status === 0 }
}

const figure = (name: string, seconds: number, goal?: number, extra = '') =>
  console.log(
    `${name.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s${goal ? `  (goal ≤ ${goal} s: ${seconds <= goal ? 'ok' : 'OVER'})` : ''}${extra ? `  ${extra}` : ''}  [${load()}]`,
  )

export async function benchLoop(): Promise<string[]> {
  console.log(`\nDeveloper loop (fresh clone in ${CLONE}, 2 cores shared: see the load beside each figure)`)
  freshClone()
  const failures: string[] = []
  const firstStart = await timeStart()
  figure('first npm start → URLs', firstStart, GOALS.firstStart, '(empty webpack cache, no build, no data)')
  const restart = await timeStart()
  figure('npm start again → URLs', restart, GOALS.restart, '(sources unchanged: build skipped)')
  if (restart > GOALS.restart) failures.push(`restart ${restart.toFixed(1)} s > ${GOALS.restart} s`)

  const skipped = timed(['npm', 'run', 'build:h5'])
  figure('H5 build, sources unchanged', skipped.wall, undefined, `cpu ${skipped.cpu.toFixed(1)} s`)
  appendFileSync(join(CLONE, 'miniprogram/src/app.tsx'), '\n// bench: one changed file\n')
  const warm = timed(['npm', 'run', 'build:h5'])
  figure('H5 build, one file changed', warm.wall, undefined, `cpu ${warm.cpu.toFixed(1)} s (cache full)`)
  rmSync(join(CLONE, 'node_modules/.cache'), { recursive: true, force: true })
  const cold = timed(['npm', 'run', 'build:h5', '--', '--force'])
  figure('H5 build, cold', cold.wall, undefined, `cpu ${cold.cpu.toFixed(1)} s (no cache)`)
  execFileSync('git', ['checkout', '--quiet', '--', 'miniprogram/src/app.tsx'], { cwd: CLONE })

  if (process.env.BENCH_LOOP_TEST !== '0') {
    // The suite's browser files need the build of the checked-out sources: start from none, as CI does.
    rmSync(join(CLONE, 'miniprogram/dist'), { recursive: true, force: true })
    rmSync(join(CLONE, 'node_modules/.cache'), { recursive: true, force: true })
    const test = timed(['nice', 'npm', 'test'])
    const phases = test.output.match(/npm test phases: (.*)/)?.[1] ?? '(no phase line)'
    figure('npm test (cold build cache)', test.wall, GOALS.test, `cpu ${test.cpu.toFixed(1)} s`)
    console.log(`  phases: ${phases}`)
    if (!test.ok) failures.push(`npm test failed:\n${test.output.slice(-4000)}`)
    if (test.wall > GOALS.test) failures.push(`npm test ${test.wall.toFixed(0)} s > ${GOALS.test} s`)
  }
  if (firstStart > GOALS.firstStart) failures.push(`first npm start ${firstStart.toFixed(1)} s > ${GOALS.firstStart} s`)
  return failures
}
