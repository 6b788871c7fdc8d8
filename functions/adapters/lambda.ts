import { LambdaClient } from '@aws-sdk/client-lambda'
import { config } from '../config'

let cached: { endpoint: string | undefined; client: LambdaClient } | undefined

/** One Lambda client per process (per endpoint): AWS's, or locally the local API server's Invoke API. */
export function lambda(): LambdaClient {
  const endpoint = config.lambdaEndpoint
  if (!cached || cached.endpoint !== endpoint) {
    cached = { endpoint, client: new LambdaClient({ region: config.region, ...(endpoint ? { endpoint } : {}) }) }
  }
  return cached.client
}

/** The payload the exports worker is invoked with. */
export interface ExportWorkerEvent {
  jobId: string
}
