import { execFileSync } from 'node:child_process'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
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

/**
 * Why a bundle may exceed 250 KB. Every function carries ~155 KB it cannot shed one by one: the
 * shared zod contract (~96 KB, `import * as z`), jsonwebtoken (~40 KB) and the powertools logger
 * (~17 KB). Libraries loaded with `await import()` stay in the file (a CommonJS bundle has no
 * chunks) but are evaluated only by the routes that need them.
 */
const OVER_BOUND_REASONS: Record<string, string> = {
  captcha: 'svg-captcha draws every answer with opentype.js (~143 KB), the one route it serves',
  certificate: 'pdf-lib and its standard fonts (~500 KB) make the certificate PDF; evaluated by the first PDF only',
  exports: 'exceljs writes the .xlsx, the worker’s whole job',
  inspection: 'qrcode (~56 KB, evaluated by the QR and payment routes only) and its many routes (~75 KB)',
  education: 'qrcode (~56 KB, evaluated by the payment route only) and its own routes',
  credential: 'qrcode (~56 KB), evaluated by the routes that draw a code, not by /verify',
  reset: 'qrcode (~56 KB), evaluated only when the official account’s follow code is drawn',
  staff: 'its own routes (~48 KB of adapters, ~22 KB of list schemas) beside the common ~155 KB',
  system: 'the OpenAPI document’s route descriptions (~52 KB of shared/api) it serves',
  admission: 'its own routes (~60 KB of adapters and use cases) beside the common ~155 KB',
}

/**
 * What a cold start costs at the least: a fresh node process loading a one-line handler, timed the
 * same way (process start to module loaded), so the ratio below is the bundle's own share.
 */
function baselineProcessMs(): number {
  const file = `${BUNDLE_DIR}/bench-baseline/index.cjs`
  mkdirSync(`${BUNDLE_DIR}/bench-baseline`, { recursive: true })
  writeFileSync(file, 'exports.handler = async () => ({ statusCode: 200 })\n')
  return processMs(file)
}

/** Milliseconds from spawning node to the handler file loaded (median), the whole cold import. */
function processMs(file: string): number {
  const script = `require(${JSON.stringify(file)});process.stdout.write(String(performance.now()))`
  const samples = Array.from({ length: COLD_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT }).toString()))
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

export async function benchBundles(): Promise<string[]> {
  const failures: string[] = []
  const overBound: string[] = []
  const bundles = await bundleFunctions()
  const baseline = baselineProcessMs()
  console.log('Lambda bundles: deployed = esbuild, minified, AWS SDK v3 taken from the nodejs22.x runtime')
  console.log(`one-line handler: ${baseline.toFixed(1)} ms from process start to loaded (median of ${COLD_RUNS})`)
  console.log('group        deployed KB  ≤250?  cold ms  process ×line | SDK bundled KB  cold ms | unbundled cold ms')
  for (const { group, bytes, file } of bundles) {
    const withSdk = await variant(group, 'sdk-bundled')
    const unbundled = await variant(group, 'unbundled')
    const ratio = processMs(file) / baseline
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
    `(${FUNCTION_GROUPS.length} functions; cold = median of ${COLD_RUNS} fresh node processes requiring the file; ×line = process start to loaded, over the one-line handler's)`,
  )
  if (overBound.length) console.log(`over 250 KB, and why:\n${overBound.map((line) => `  ${line}`).join('\n')}`)
  return failures
}
