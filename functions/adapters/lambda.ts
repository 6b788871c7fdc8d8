import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { config } from '../config'
import type { ExportRunner } from '../ports/exports'

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

/**
 * Starts the exports worker asynchronously (InvocationType Event): Lambda queues the event and
 * answers 202 at once, so the request that started the export returns while the file is built.
 */
export const lambdaExportRunner: ExportRunner = {
  async start(jobId) {
    const event: ExportWorkerEvent = { jobId }
    const { StatusCode } = await lambda().send(
      new InvokeCommand({ FunctionName: config.exportsFunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    )
    if (StatusCode !== 202) throw new Error(`exports worker not queued: Lambda answered ${StatusCode}`)
  },
}
