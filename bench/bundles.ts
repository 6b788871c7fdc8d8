import { execFileSync } from 'node:child_process'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { bundleFunction, bundleFunctions, BUNDLE_DIR } from '../scripts/bundle'
import { ROOT } from '../scripts/local-settings'

const KB = 1024
const COLD_RUNS = 15

/** Milliseconds a fresh Node process spends loading a handler (what a cold start pays for it). */
function coldImportMs(file: string): number {
  const load = file.endsWith('.mjs') ? `await import(${JSON.stringify(file)})` : `require(${JSON.stringify(file)})`
  const script = `(async()=>{const t=performance.now();${load};process.stdout.write(String(performance.now()-t))})()`
  const samples = Array.from({ length: COLD_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()))
  return median(samples)
}

/** The same handler built two other ways, to show what the deployed choice buys. */
async function variant(group: string, kind: 'sdk-bundled' | 'unbundled'): Promise<string> {
  if (kind === 'sdk-bundled') return (await bundleFunction(group, { dir: `${BUNDLE_DIR}/bench-sdk-bundled-${group}`, withSdk: true })).file
  // Unbundled code loads middy (ESM-only) from node_modules, so it must itself be ESM.
  const file = `${BUNDLE_DIR}/bench-unbundled/${group}.mjs`
  mkdirSync(`${BUNDLE_DIR}/bench-unbundled`, { recursive: true })
  await build({
    entryPoints: [`${ROOT}/functions/handlers/${group}.ts`],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    // "unbundled": our code only, every package loaded from node_modules as a plain deployment would.
    packages: 'external',
  })
  return file
}

/**
 * Why a function's index.cjs (what its cold start reads and compiles) may exceed 250 KB. Every one
 * carries ~145 KB it cannot shed alone: the shared zod contract (~98 KB, `import * as z`), the
 * powertools logger (~21 KB) and the DynamoDB client (~13 KB with aws4 and the marshaller).
 * pdf-lib, fontkit and qrcode are not counted: scripts/bundle.ts puts them in vendor/ beside the
 * bundle, required by the routes that draw a PDF or a QR code (the package column includes them).
 */
const OVER_BOUND_REASONS: Record<string, string> = {
  inspection: 'its many routes (~56 KB of adapters, ~29 KB of schemas, ~23 KB of use cases)',
  education: 'its own routes (~52 KB of adapters, ~27 KB of schemas, ~23 KB of use cases)',
  staff: 'its own routes (~51 KB of adapters, ~27 KB of list schemas) beside the common ~145 KB',
}

/**
 * What a cold start costs at the least: a fresh node process loading a one-line handler, timed the
 * same way (process start to module loaded), so the ratio below is the bundle's own share.
 */
function baselineFile(): string {
  const file = `${BUNDLE_DIR}/bench-baseline/index.cjs`
  mkdirSync(`${BUNDLE_DIR}/bench-baseline`, { recursive: true })
  writeFileSync(file, 'exports.handler = async () => ({ statusCode: 200 })\n')
  return file
}

/** Milliseconds from spawning node to the handler file loaded, the whole cold import. */
function processMs(file: string): number {
  const script = `require(${JSON.stringify(file)});process.stdout.write(String(performance.now()))`
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString())
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

/**
 * The bundle's process time over the one-line handler's, each the median of runs taken in turn
 * (bundle, one-line, bundle, …): a machine busy with other work slows both alike.
 */
function processRatio(file: string, baseline: string): number {
  const bundle: number[] = []
  const line: number[] = []
  for (let run = 0; run < COLD_RUNS; run++) {
    bundle.push(processMs(file))
    line.push(processMs(baseline))
  }
  return median(bundle) / median(line)
}

export async function benchBundles(): Promise<string[]> {
  const failures: string[] = []
  const overBound: string[] = []
  const bundles = await bundleFunctions()
  const baseline = baselineFile()
  console.log('Lambda bundles: deployed = esbuild, minified, AWS SDK v3 taken from the nodejs22.x runtime')
  console.log(
    `one-line handler: ${median(Array.from({ length: COLD_RUNS }, () => processMs(baseline))).toFixed(1)} ms from process start to loaded (median of ${COLD_RUNS})`,
  )
  console.log('group        deployed KB  ≤250?  package KB  cold ms  process ×line | SDK bundled KB  cold ms | unbundled cold ms')
  // Before the other builds: esbuild's service works on for a while after a build returns.
  const ratios = new Map(bundles.map(({ group, file }) => [group, processRatio(file, baseline)]))
  for (const { group, bytes, packageBytes, file } of bundles) {
    const withSdk = await variant(group, 'sdk-bundled')
    const unbundled = await variant(group, 'unbundled')
    const ratio = ratios.get(group)!
    if (ratio > 1.5) failures.push(`${group}: cold import ${ratio.toFixed(2)}× a one-line handler's (goal ≤ 1.5×)`)
    if (bytes > 250 * KB) {
      if (OVER_BOUND_REASONS[group]) overBound.push(`${group}: ${OVER_BOUND_REASONS[group]}`)
      else failures.push(`${group}: ${(bytes / KB).toFixed(0)} KB, over 250 KB without a written reason`)
    }
    console.log(
      [
        group.padEnd(12),
        (bytes / KB).toFixed(1).padStart(11),
        (bytes <= 250 * KB ? 'ok' : 'over').padStart(6),
        (packageBytes / KB).toFixed(1).padStart(11),
        coldImportMs(file).toFixed(1).padStart(8),
        ratio.toFixed(2).padStart(14),
        '|',
        (statSync(withSdk).size / KB).toFixed(1).padStart(14),
        coldImportMs(withSdk).toFixed(1).padStart(8),
        '|',
        coldImportMs(unbundled).toFixed(1).padStart(17),
      ].join(' '),
    )
  }
  console.log(
    `(${bundles.length} functions; deployed = index.cjs, what a cold start reads; package = with the libraries in vendor/ that routes require on demand; cold = median of ${COLD_RUNS} fresh node processes requiring the file; ×line = process start to loaded, over the one-line handler's)`,
  )
  if (overBound.length) console.log(`over 250 KB, and why:\n${overBound.map((line) => `  ${line}`).join('\n')}`)
  return failures
}
