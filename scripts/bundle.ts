/**
 * Bundles each Lambda (route group or worker) with esbuild into .esbuild/<group>/index.cjs (minified, AWS SDK
 * v3 clients taken from the Lambda runtime). serverless.yml packages these files.
 */
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { build } from 'esbuild'
import { BUNDLED_CHINESE_FONT, CHINESE_FONT_PACKAGE_FILE } from '../functions/adapters/chinese-font'
import { DEPLOYED_FUNCTIONS } from '../shared/api/route-def'
import { ROOT } from './local-settings'

export const BUNDLE_DIR = `${ROOT}/.esbuild`

export async function bundleFunctions(): Promise<{ group: string; bytes: number; file: string }[]> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true })
  // svg-captcha loads its glyphs from ../fonts relative to the bundle at import time.
  mkdirSync(`${BUNDLE_DIR}/fonts`, { recursive: true })
  cpSync(`${ROOT}/node_modules/svg-captcha/fonts`, `${BUNDLE_DIR}/fonts`, { recursive: true })
  // The Chinese PDFs' font (functions/adapters/chinese-font.ts), packaged only with the functions that draw them.
  cpSync(`${ROOT}/node_modules/${CHINESE_FONT_PACKAGE_FILE}`, `${BUNDLE_DIR}/${BUNDLED_CHINESE_FONT}`)
  // The SIL Open Font License asks that the font travel with its licence.
  cpSync(`${ROOT}/node_modules/@expo-google-fonts/noto-sans-sc/LICENSE_FONT`, `${BUNDLE_DIR}/pdf-fonts/OFL.txt`)
  const results = []
  for (const group of DEPLOYED_FUNCTIONS) results.push(await bundleFunction(group))
  return results
}

/** One function's deployed bundle, as serverless.yml packages it. */
export async function bundleFunction(group: string): Promise<{ group: string; bytes: number; file: string }> {
  const file = `${BUNDLE_DIR}/${group}/index.cjs`
  await build({
    entryPoints: [`${ROOT}/functions/handlers/${group}.ts`],
    outfile: file,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    legalComments: 'none',
    // The nodejs22.x runtime ships AWS SDK v3; bundling its clients would quadruple every package (see bench/).
    // DynamoDB's marshalling (a few KB, no dependencies) is bundled so it matches functions/adapters/dynamo-client.ts.
    external: ['@aws-sdk/client-*', '@aws-sdk/lib-*', '@aws-sdk/s3-*', '@smithy/*'],
    logLevel: 'warning',
  })
  return { group, bytes: statSync(file).size, file }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { group, bytes } of await bundleFunctions()) console.log(`${group.padEnd(10)} ${(bytes / 1024).toFixed(1)} KB`)
}
