/** `npm run seed`: demo data into the local table, whether or not `npm start` is running. */
import { seedDemoData } from '../functions/local/seed'
import { startEngines, useLocalStorage } from '../functions/local/stack'
import { portInUse } from './port-check'
import { localSettings } from './local-settings'

const settings = localSettings()
const running = await portInUse(settings.dynamoPort)
const engines = running
  ? { dynamoEndpoint: `http://127.0.0.1:${settings.dynamoPort}`, s3Endpoint: `http://127.0.0.1:${settings.s3Port}`, stop: async () => {} }
  : await startEngines({ dataDir: settings.dataDir, dynamoPort: settings.dynamoPort, s3Port: settings.s3Port })
await useLocalStorage(engines, settings)
const { created } = await seedDemoData()
console.log(`演示数据已写入：新建 ${created} 条（已存在的不覆盖）`)
await engines.stop()
