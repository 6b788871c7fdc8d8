/** `npm run reset`: wipes the local engines' data (the local JWT key is kept). Stop `npm start` first. */
import { rmSync } from 'node:fs'
import { portInUse } from './port-check'
import { localSettings } from './local-settings'

const settings = localSettings()
if (await portInUse(settings.dynamoPort)) {
  console.error('本地环境正在运行：请先停止 npm start，再执行 npm run reset')
  process.exit(1)
}
for (const engine of ['dynamodb', 's3']) rmSync(`${settings.dataDir}/${engine}`, { recursive: true, force: true })
console.log('本地数据已清空；下次 npm start 会重新写入演示数据')
