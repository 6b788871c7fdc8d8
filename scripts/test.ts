/**
 * `npm test`: prerequisites, then the H5 build (skipped when current, scripts/build-mini.ts) beside
 * lint and packaging, then vitest — which starts as soon as lint and packaging pass: webpack keeps one
 * core busy, so unit and integration files use the other while the browser files, queued last
 * (tests/support/sequencer.ts), wait for the build (tests/support/h5-build.ts). Arguments go to
 * vitest (`npm test -- tests/unit`). Ends with each phase's time, which bench/loop.ts reads.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { buildMiniprogram, buildOutput, ROOT } from './build-mini'
import { missingPrerequisites } from './prerequisites'

const started = performance.now()
const timings: string[] = []
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)
const children = new Set<ChildProcess>()
// Ends the H5 build too when something else failed first.
const aborted = new AbortController()

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env })
  children.add(child)
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (code, signal) => {
      children.delete(child)
      if (code === 0) done()
      else fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))
    })
  })
}

async function phase(name: string, work: () => Promise<unknown>): Promise<void> {
  const since = performance.now()
  const result = await work()
  const skipped = typeof result === 'object' && result !== null && 'built' in result && result.built === false
  timings.push(`${name} ${seconds(since)} s${skipped ? ' (skipped: unchanged)' : ''}`)
}

function stop(error: unknown): never {
  for (const child of children) child.kill('SIGTERM')
  aborted.abort()
  console.error(`\nnpm test: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

const missing = missingPrerequisites({ browser: true })
if (missing.length) stop(`缺少以下组件，请先安装：\n${missing.map((line) => `  - ${line}`).join('\n')}`)

const h5Dist = buildOutput('h5')
let buildPending = true
const build = phase('h5 build', () => buildMiniprogram('h5', { quiet: true, signal: aborted.signal })).then(() => {
  buildPending = false
})
// A failed build must end the run even while vitest is busy with other files.
build.catch(stop)
try {
  await phase('lint', () => run('npm', ['run', 'lint']))
  await phase('package', () => run('npm', ['run', 'package']))
  await phase('vitest', () =>
    run('npx', ['vitest', 'run', ...process.argv.slice(2)], { ...process.env, H5_DIST: h5Dist, ...(buildPending ? { H5_BUILD_PENDING: '1' } : {}) }),
  )
  await build
} catch (error) {
  stop(error)
}
console.log(`\nnpm test phases: ${timings.join(', ')}; total ${seconds(started)} s`)
