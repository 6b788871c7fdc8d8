import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../scripts/local-settings'

const KB = 1024

function folderBytes(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((total, entry) => {
    const path = join(folder, entry.name)
    return total + (entry.isDirectory() ? folderBytes(path) : statSync(path).size)
  }, 0)
}

/** Builds the weapp package and prints the main package and each subpackage (WeChat: ≤ 2 MB each). */
export function benchWeapp() {
  const out = '/tmp/cicpa-bench-weapp'
  execFileSync('npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: `${ROOT}/miniprogram`,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_ROOT: out },
  })
  const appJson = JSON.parse(readFileSync(`${out}/app.json`, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const subpackages = (appJson.subPackages ?? appJson.subpackages ?? []).map(({ root }) => ({ root, bytes: folderBytes(join(out, root)) }))
  const total = folderBytes(out)
  const main = total - subpackages.reduce((sum, sub) => sum + sub.bytes, 0)
  console.log(`\nweapp main package ${(main / KB).toFixed(1)} KB (goal ≤ 1024 KB: ${main <= 1024 * KB ? 'ok' : 'OVER'})`)
  for (const sub of subpackages) console.log(`weapp subpackage ${sub.root.padEnd(24)} ${(sub.bytes / KB).toFixed(1)} KB`)
  console.log(`weapp total ${(total / KB).toFixed(1)} KB`)
}
