import { execFileSync } from 'node:child_process'
import { mkdirSync, statSync } from 'node:fs'
import { build } from 'esbuild'
import { FUNCTION_GROUPS } from '../shared/api/contract'
import { bundleFunctions, BUNDLE_DIR } from '../scripts/bundle'
import { ROOT } from '../scripts/local-settings'

const KB = 1024
const COLD_RUNS = 7

/** Milliseconds a fresh Node process spends loading a handler (what a cold start pays for it). */
function coldImportMs(file: string): number {
  const load = file.endsWith('.mjs') ? `await import(${JSON.stringify(file)})` : `require(${JSON.stringify(file)})`
  const script = `(async()=>{const t=performance.now();${load};process.stdout.write(String(performance.now()-t))})()`
  const samples = Array.from({ length: COLD_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()))
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

/** The same handler built two other ways, to show what the deployed choice buys. */
async function variant(group: string, kind: 'sdk-bundled' | 'unbundled'): Promise<string> {
  // Unbundled code loads middy (ESM-only) from node_modules, so it must itself be ESM.
  const file = `${BUNDLE_DIR}/bench-${kind}/${group}.${kind === 'unbundled' ? 'mjs' : 'cjs'}`
  mkdirSync(`${BUNDLE_DIR}/bench-${kind}`, { recursive: true })
  await build({
    entryPoints: [`${ROOT}/functions/handlers/${group}.ts`],
    outfile: file,
    bundle: true,
    minify: kind === 'sdk-bundled',
    platform: 'node',
    target: 'node20',
    format: kind === 'unbundled' ? 'esm' : 'cjs',
    logLevel: 'error',
    // "unbundled": our code only, every package loaded from node_modules as a plain deployment would.
    ...(kind === 'unbundled' ? { packages: 'external' as const } : {}),
  })
  return file
}

export async function benchBundles() {
  console.log('Lambda bundles: deployed = esbuild, minified, AWS SDK v3 taken from the nodejs22.x runtime')
  console.log('group        deployed KB  ≤250?  cold ms | SDK bundled KB  cold ms | unbundled cold ms')
  for (const { group, bytes, file } of await bundleFunctions()) {
    const withSdk = await variant(group, 'sdk-bundled')
    const unbundled = await variant(group, 'unbundled')
    console.log(
      [
        group.padEnd(12),
        (bytes / KB).toFixed(1).padStart(11),
        (bytes <= 250 * KB ? 'ok' : 'OVER').padStart(6),
        coldImportMs(file).toFixed(1).padStart(8),
        '|',
        (statSync(withSdk).size / KB).toFixed(1).padStart(14),
        coldImportMs(withSdk).toFixed(1).padStart(8),
        '|',
        coldImportMs(unbundled).toFixed(1).padStart(17),
      ].join(' '),
    )
  }
  console.log(`(${FUNCTION_GROUPS.length} functions; cold = median of ${COLD_RUNS} fresh node processes requiring the file)`)
}
