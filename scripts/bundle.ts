/**
 * Bundles each Lambda (route group or worker) with esbuild into .esbuild/<group>/index.cjs (minified, AWS SDK
 * v3 clients taken from the Lambda runtime). serverless.yml packages these files.
 */
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { build, type Plugin } from 'esbuild'
import { BUNDLED_CHINESE_FONT, CHINESE_FONT_PACKAGE_FILE } from '../functions/adapters/chinese-font'
import { DEPLOYED_FUNCTIONS } from '../shared/api/route-def'
import { ROOT } from './local-settings'

export const BUNDLE_DIR = `${ROOT}/.esbuild`

export async function bundleFunctions(): Promise<FunctionBundle[]> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true })
  // The Chinese PDFs' font (functions/adapters/chinese-font.ts), packaged only with the functions that draw them.
  cpSync(`${ROOT}/node_modules/${CHINESE_FONT_PACKAGE_FILE}`, `${BUNDLE_DIR}/${BUNDLED_CHINESE_FONT}`)
  // The SIL Open Font License asks that the font travel with its licence.
  cpSync(`${ROOT}/node_modules/@expo-google-fonts/noto-sans-sc/LICENSE_FONT`, `${BUNDLE_DIR}/pdf-fonts/OFL.txt`)
  const results = []
  for (const group of DEPLOYED_FUNCTIONS) results.push(await bundleFunction(group))
  return results
}

/**
 * Libraries that some routes load with `await import()` and no route needs at start (PDFs, QR codes).
 * Each goes into its own file beside the bundle, vendor/<name>.cjs, required when a route first
 * asks for it, so a cold start neither reads nor compiles it (pdf-lib and its fonts alone are ~1.7 MB).
 * Only third-party code is split off: our modules stay in index.cjs, once, so `instanceof AppError`
 * and module state mean the same thing on both sides.
 */
const ON_DEMAND_LIBRARIES = ['pdf-lib', 'fontkit', 'qrcode']

function onDemandLibraries(used: Set<string>): Plugin {
  const filter = new RegExp(`^(${ON_DEMAND_LIBRARIES.join('|')})$`)
  return {
    name: 'on-demand-libraries',
    setup(build) {
      build.onResolve({ filter }, ({ path }) => {
        used.add(path)
        return { path: `./vendor/${path}.cjs`, external: true }
      })
    },
  }
}

const shared = { bundle: true, minify: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning' } as const

export interface FunctionBundle {
  group: string
  /** What a cold start reads and compiles: index.cjs. */
  file: string
  bytes: number
  /** The whole package: index.cjs and the on-demand libraries beside it. */
  packageBytes: number
}

/**
 * One function's deployed bundle, as serverless.yml packages it (`.esbuild/<group>/**`). The bench
 * builds the same with the AWS SDK bundled (`withSdk`) into a directory of its own.
 */
export async function bundleFunction(group: string, options: { dir?: string; withSdk?: boolean } = {}): Promise<FunctionBundle> {
  const dir = options.dir ?? `${BUNDLE_DIR}/${group}`
  const file = `${dir}/index.cjs`
  const used = new Set<string>()
  await build({
    ...shared,
    entryPoints: [`${ROOT}/functions/handlers/${group}.ts`],
    outfile: file,
    plugins: [onDemandLibraries(used)],
    // The nodejs22.x runtime ships AWS SDK v3; bundling its clients would quadruple every package (see bench/).
    // DynamoDB's marshalling (a few KB, no dependencies) is bundled so it matches functions/adapters/dynamo-client.ts.
    external: options.withSdk ? [] : ['@aws-sdk/client-*', '@aws-sdk/lib-*', '@aws-sdk/s3-*', '@smithy/*'],
  })
  const resolve = createRequire(`${ROOT}/package.json`).resolve
  for (const library of used) await build({ ...shared, entryPoints: [resolve(library)], outfile: `${dir}/vendor/${library}.cjs` })
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
  const packageBytes = files.reduce((sum, entry) => sum + statSync(`${entry.parentPath}/${entry.name}`).size, 0)
  return { group, file, bytes: statSync(file).size, packageBytes }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { group, bytes } of await bundleFunctions()) console.log(`${group.padEnd(10)} ${(bytes / 1024).toFixed(1)} KB`)
}
