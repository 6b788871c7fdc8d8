/**
 * The local API in a process of its own, for bench/workbench.ts: the export runs here alone, so
 * this process's peak memory is what the export's Lambda would need (runtime included). Reads the
 * table, bucket and keys from the environment the bench hands down; prints its URL, then answers
 * each `report` line on stdin with its peak RSS and its DynamoDB tally.
 */
import { createInterface } from 'node:readline'
import { startServers } from '../functions/local/stack'
import { countDynamo, snapshot } from './dynamo-tally'

countDynamo()
// BENCH_LAMBDA_ENDPOINT: the bench runs the export's worker itself, as Lambda would (bench/workbench.ts).
const servers = await startServers({ apiPort: 0, lambdaEndpoint: process.env.BENCH_LAMBDA_ENDPOINT })
console.log(JSON.stringify({ url: servers.apiUrl }))
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'report') console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, tally: snapshot() }))
})
process.stdin.on('end', () => servers.stop().then(() => process.exit(0)))
