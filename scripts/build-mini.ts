/**
 * `npm run build:h5` / `npm run build:weapp` (and `npm start`, `npm test` through them): the Taro build,
 * skipped when its output folder already holds a build of exactly these sources. A stamp beside the
 * output records a hash over everything the build reads — miniprogram/src, shared/, the Taro and
 * babel config, package.json and its lock file — and the environment that changes what it emits;
 * `--force` builds anyway. Webpack's own persistent cache (config/index.ts) makes a real build after
 * a small change fast; this skip saves even starting webpack when nothing changed.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

type TaroTarget = 'h5' | 'weapp'

// Not from local-settings: the build must not load the local stack (and its packages) to start.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const MINIPROGRAM = `${ROOT}/miniprogram`
export const BUILD_STAMP = '.build-stamp'
const INPUTS = [
  'miniprogram/src',
  'miniprogram/config',
  'miniprogram/types',
  'miniprogram/babel.config.cjs',
  'miniprogram/tsconfig.json',
  'shared',
  'package.json',
  'package-lock.json',
  'project.config.json',
]

/** Taro's output folder: TARO_OUTPUT_ROOT (relative to miniprogram/, as Taro reads it) or dist/<type>. */
export function buildOutput(target: TaroTarget, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(MINIPROGRAM, env.TARO_OUTPUT_ROOT ?? `dist/${target}`)
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)))
}

/** The build's inputs: file paths and contents, the target, and the variables the Taro config and app read. */
function sourceHash(target: TaroTarget, env: NodeJS.ProcessEnv): string {
  const hash = createHash('sha256')
  const buildEnv = Object.entries(env)
    .filter(([name]) => name === 'NODE_ENV' || name.startsWith('TARO_APP_'))
    .sort(([a], [b]) => a.localeCompare(b))
  hash.update(JSON.stringify({ target, buildEnv }))
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))) {
    hash.update(`\0${relative(ROOT, file)}\0`)
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

/**
 * Builds the mini-program for `target` unless its output is current. Resolves with whether it built;
 * rejects when the build fails. `quiet` keeps Taro's progress display out of the caller's output
 * (it is printed only when the build fails).
 */
export async function buildMiniprogram(
  target: TaroTarget,
  options: { force?: boolean; quiet?: boolean; env?: NodeJS.ProcessEnv; onBuild?: () => void; signal?: AbortSignal } = {},
): Promise<{ built: boolean }> {
  // Taro builds production unless told otherwise; the stamp must name what was actually built.
  const env = { ...(options.env ?? process.env), NODE_ENV: (options.env ?? process.env).NODE_ENV ?? 'production' }
  const output = buildOutput(target, env)
  const stamp = join(output, BUILD_STAMP)
  const expected = sourceHash(target, env)
  if (!options.force && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === expected) return { built: false }
  // A half-written output must not look current if this build is interrupted.
  rmSync(stamp, { force: true })
  options.onBuild?.()
  const child = spawn(join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', target], {
    cwd: MINIPROGRAM,
    env,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const logs: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk))
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('close', done)
  })
  if (code !== 0) {
    if (options.quiet) process.stderr.write(Buffer.concat(logs))
    throw new Error(`taro build --type ${target} failed (exit ${code})`)
  }
  writeFileSync(stamp, `${expected}\n`)
  return { built: true }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2]
  if (target !== 'h5' && target !== 'weapp') throw new Error('usage: tsx scripts/build-mini.ts h5|weapp [--force]')
  const started = performance.now()
  const { built } = await buildMiniprogram(target, { force: process.argv.includes('--force') })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    built
      ? `${target} built in ${seconds} s → ${buildOutput(target)}`
      : `${target} unchanged since the last build (${buildOutput(target)}/${BUILD_STAMP}); skipped. --force rebuilds.`,
  )
}
