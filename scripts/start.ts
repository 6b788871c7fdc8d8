/**
 * `npm start`: the local engine (data kept in .local/), table and bucket, demo data, the API and the
 * mini-program's H5 build, then the URLs and demo accounts. Ctrl-C saves the data and stops everything.
 */
import { USER_TYPE_LABELS } from '../shared/roles'
import { DEMO_ACCOUNTS } from '../functions/local/demo-data'
import { seedDemoData } from '../functions/local/seed'
import { configuredEndpoints } from '../functions/local/engines'
import { startEngines, startServers, useLocalStorage } from '../functions/local/stack'
import { buildMiniprogram, buildOutput } from './build-mini'
import { localSettings } from './local-settings'
import { missingPrerequisites } from './prerequisites'

const skipBuild = process.argv.includes('--no-build')
const settings = localSettings()
const missing = missingPrerequisites({ browser: false })
if (missing.length) {
  console.error(`缺少以下组件，请先安装：\n${missing.map((line) => `  - ${line}`).join('\n')}`)
  process.exit(1)
}

// The build (one core for webpack) and the engine with its demo data (the other) start together.
const build = skipBuild
  ? Promise.resolve()
  : buildMiniprogram('h5', { onBuild: () => console.log('构建小程序 H5 版本（首次约 1–2 分钟，之后只重新编译改动的文件；源码未变时跳过）…') })
// A failed build is reported below, once the engine can be stopped with it.
build.catch(() => {})
const engines = await startEngines({ dataDir: settings.dataDir, port: settings.enginePort })
await useLocalStorage(engines, settings)
const { created } = await seedDemoData()
try {
  await build
} catch (error) {
  console.error(`小程序 H5 构建失败：${(error as Error).message}`)
  await engines.stop()
  process.exit(1)
}
const embedded = !configuredEndpoints.dynamo || !configuredEndpoints.s3
const engineNote = embedded ? '数据在 Ctrl-C 停止时保存到 .local/，npm run reset 可清空' : '数据在 DYNAMODB_ENDPOINT / S3_ENDPOINT 所指的引擎中'
const servers = await startServers({ apiPort: settings.apiPort, webPort: settings.webPort, webRoot: buildOutput('h5') })

console.log(`
本地环境已启动（${engineNote}）
  小程序 H5:     ${servers.webUrl}/
  API:           ${servers.apiUrl}/api/v1/health
  OpenAPI:       ${servers.apiUrl}/api/v1/openapi.json
  本地发件箱:    ${servers.apiUrl}/api/v1/dev/outbox?channel=captcha&recipient=<captchaId>
  DynamoDB:      ${engines.dynamoEndpoint}  表 ${settings.tableName}
  S3:            ${engines.s3Endpoint}  桶 ${settings.bucketName}
  演示数据：新建 ${created} 条（已存在的不覆盖）

演示账号（登录页选择用户类型）：`)
for (const account of DEMO_ACCOUNTS) {
  console.log(`  ${USER_TYPE_LABELS[account.userType].padEnd(6, '　')} ${account.username.padEnd(14)} ${account.password.padEnd(14)} ${account.situation}`)
}
console.log('\n图形验证码的答案同时写入本地发件箱与日志（仅本地）。按 Ctrl-C 停止。')

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await servers.stop()
  if (embedded) console.log('保存本地数据到 .local/ …')
  await engines.stop()
  process.exit(0)
}
// SIGHUP: the terminal was closed, which must not lose the session's data either.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop)
