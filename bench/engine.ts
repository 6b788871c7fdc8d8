import { configuredEndpoints } from '../functions/local/engines'
import { startEngines } from '../functions/local/stack'

const STARTS = 5

/** How long `npm start` and every test run wait for the local engine: launch until both services answer. */
export async function benchEngine() {
  if (configuredEndpoints.dynamo && configuredEndpoints.s3) {
    console.log('\nLocal engine: DYNAMODB_ENDPOINT and S3_ENDPOINT are set, nothing is started')
    return
  }
  const times: number[] = []
  for (let i = 0; i < STARTS; i++) {
    const started = performance.now()
    const engines = await startEngines({})
    times.push(performance.now() - started)
    await engines.stop()
  }
  times.sort((a, b) => a - b)
  const ms = (value: number) => `${Math.round(value)} ms`
  console.log(`\nLocal engine start (moto behind functions/local/moto-engine.py, until DynamoDB and S3 answer), ${STARTS} starts:`)
  console.log(`  min ${ms(times[0]!)}  median ${ms(times[Math.floor(STARTS / 2)]!)}  max ${ms(times.at(-1)!)}`)
}
