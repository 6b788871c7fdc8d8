/**
 * What `npm start` and `npm test` need beyond Node.js, checked before anything slow runs, so a bare
 * machine hears at once what is missing and the one command that installs it.
 * `tsx scripts/prerequisites.ts [--browser]` exits 1 when something is missing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configuredEndpoints, MOTO_INSTALL } from '../functions/local/engines'

export function missingPrerequisites(options: { browser: boolean }): string[] {
  const missing: string[] = []
  if (!configuredEndpoints.dynamo || !configuredEndpoints.s3) {
    const moto = spawnSync('python3', ['-c', 'import moto.moto_server.werkzeug_app, moto.s3.responses'], { stdio: 'ignore' })
    if (moto.status !== 0) missing.push(`Python 3 与 moto（本地 DynamoDB/S3 引擎）：${MOTO_INSTALL}`)
  }
  if (options.browser) {
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
    const cjkFonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout?.trim()
    if (!existsSync(chromium) || !cjkFonts) missing.push(`Chromium（${chromium}）与中文字体（浏览器测试）：apt-get install -y chromium fonts-noto-cjk`)
  }
  return missing
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = missingPrerequisites({ browser: process.argv.includes('--browser') })
  if (missing.length) {
    console.error(`缺少以下组件，请先安装：\n${missing.map((line) => `  - ${line}`).join('\n')}`)
    process.exit(1)
  }
}
