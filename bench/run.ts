/**
 * `npm run bench`: Lambda bundle sizes and cold import times, and the weapp main-package size.
 * Goals (issue "Foundation"): each bundle ≤ 250 KB, main package ≤ 1 MB (WeChat's limit is 2 MB).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { bundleFunctions } from '../scripts/bundle'
import { ROOT } from '../scripts/local-settings'

const KB = 1024
const COLD_RUNS = 7

/** Milliseconds a fresh Node process spends loading the bundle (what a Lambda cold start pays for it). */
function coldImportMs(file: string): number {
  const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`
  const samples = Array.from({ length: COLD_RUNS }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' } }).toString()),
  )
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

function folderBytes(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((total, entry) => {
    const path = join(folder, entry.name)
    return total + (entry.isDirectory() ? folderBytes(path) : statSync(path).size)
  }, 0)
}

console.log('Lambda bundles (esbuild, minified, AWS SDK v3 from the nodejs22.x runtime)')
console.log('group       size KB   goal    cold import ms (median of 7)')
for (const { group, bytes, file } of await bundleFunctions()) {
  const verdict = bytes <= 250 * KB ? 'ok  ' : 'OVER'
  console.log(`${group.padEnd(10)} ${(bytes / KB).toFixed(1).padStart(8)}   ${verdict}   ${coldImportMs(file).toFixed(1).padStart(6)}`)
}

console.log('\nBuilding the weapp package…')
execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: `${ROOT}/miniprogram`, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
const weapp = `${ROOT}/miniprogram/dist/weapp`
const appJson = JSON.parse(readFileSync(`${weapp}/app.json`, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
const subpackages = (appJson.subPackages ?? appJson.subpackages ?? []).map(({ root }) => ({ root, bytes: folderBytes(join(weapp, root)) }))
const total = folderBytes(weapp)
const main = total - subpackages.reduce((sum, sub) => sum + sub.bytes, 0)
console.log(`weapp main package ${(main / KB).toFixed(1)} KB (goal ≤ 1024 KB: ${main <= 1024 * KB ? 'ok' : 'OVER'})`)
for (const sub of subpackages) console.log(`weapp subpackage ${sub.root.padEnd(12)} ${(sub.bytes / KB).toFixed(1)} KB`)
console.log(`weapp total ${(total / KB).toFixed(1)} KB`)
