/** `npm run reset`: wipes the local engine's saved data (the local keys are kept). Stop `npm start` first. */
import { rmSync } from 'node:fs'
import { configuredEndpoints } from '../functions/local/engines'
import { SNAPSHOT_FILE } from '../functions/local/snapshot'
import { portInUse } from './port-check'
import { localSettings } from './local-settings'

const settings = localSettings()
if (await portInUse(settings.enginePort)) {
  console.error('本地环境正在运行：请先停止 npm start，再执行 npm run reset')
  process.exit(1)
}
// dynamodb/ and s3/ hold what the engines before moto (DynamoDB Local, s3rver) kept; nothing reads them now.
for (const entry of [SNAPSHOT_FILE, 'dynamodb', 's3']) rmSync(`${settings.dataDir}/${entry}`, { recursive: true, force: true })
console.log('本地数据已清空；下次 npm start 会重新写入演示数据')
if (configuredEndpoints.dynamo || configuredEndpoints.s3) {
  console.log('DYNAMODB_ENDPOINT / S3_ENDPOINT 所指的引擎中的数据不受影响，请在该引擎中自行删除')
}
