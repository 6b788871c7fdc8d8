/** `npm run seed`: demo data into the local table, whether or not `npm start` is running. */
import { configuredEndpoints } from '../functions/local/engines'
import { seedDemoData } from '../functions/local/seed'
import { startEngines, useLocalStorage } from '../functions/local/stack'
import { portInUse } from './port-check'
import { localSettings } from './local-settings'

const settings = localSettings()
const running = await portInUse(settings.enginePort)
// A running npm start keeps what is written here and saves it when it stops.
const engines = running
  ? {
      dynamoEndpoint: configuredEndpoints.dynamo ?? `http://127.0.0.1:${settings.enginePort}`,
      s3Endpoint: configuredEndpoints.s3 ?? `http://127.0.0.1:${settings.enginePort}`,
      stop: async () => {},
    }
  : await startEngines({ dataDir: settings.dataDir, port: settings.enginePort })
await useLocalStorage(engines, settings)
const { created } = await seedDemoData()
console.log(`演示数据已写入：新建 ${created} 条（已存在的不覆盖）`)
await engines.stop()
