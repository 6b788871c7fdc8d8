/**
 * `npm run load:volume -- --association ZJ --members 20000 --pending 5000`: a province's members and
 * pending items in the local table (functions/local/volume.ts), into a running `npm start` or,
 * when none runs, into the saved local data. Refuses to load the same association twice.
 */
import { parseArgs } from 'node:util'
import { clock } from '../functions/adapters/clock'
import { configuredEndpoints } from '../functions/local/engines'
import { startEngines, useLocalStorage } from '../functions/local/stack'
import { loadVolume, VolumeRefused } from '../functions/local/volume'
import { localSettings } from './local-settings'
import { portInUse } from './port-check'

const { values } = parseArgs({
  options: { association: { type: 'string', default: 'ZJ' }, members: { type: 'string', default: '20000' }, pending: { type: 'string', default: '5000' } },
})
const settings = localSettings()
const running = await portInUse(settings.enginePort)
const engines = running
  ? {
      dynamoEndpoint: configuredEndpoints.dynamo ?? `http://127.0.0.1:${settings.enginePort}`,
      s3Endpoint: configuredEndpoints.s3 ?? `http://127.0.0.1:${settings.enginePort}`,
      stop: async () => {},
    }
  : await startEngines({ dataDir: settings.dataDir, port: settings.enginePort })
try {
  await useLocalStorage(engines, settings)
  const report = await loadVolume({
    associationCode: values.association!.toUpperCase(),
    members: Number(values.members),
    pending: Number(values.pending),
    now: clock.now(),
    log: (line) => console.log(line),
  })
  console.log(
    `已写入 ${report.associationCode} ${report.year}年度：会员 ${report.members} 名，待审批 ${Object.values(report.pending).reduce((a, b) => a + b, 0)} 项，用时 ${report.seconds.toFixed(1)} 秒`,
  )
} catch (error) {
  if (!(error instanceof VolumeRefused)) throw error
  console.error(error.message)
  process.exitCode = 1
} finally {
  // Without a running npm start this saves the data to .local/ for the next one.
  await engines.stop()
}
