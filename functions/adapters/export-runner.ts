import { config } from '../config'
import type { ExportRunner } from '../ports/exports'
import type { ExportWorkerEvent } from './lambda'

/**
 * Starts the exports worker asynchronously (InvocationType Event): Lambda queues the event and
 * answers 202 at once, so the request that started the export returns while the file is built.
 * The Lambda SDK is loaded by the first export started: the staff function's other routes never need it.
 */
export const lambdaExportRunner: ExportRunner = {
  async start(jobId) {
    const [{ InvokeCommand }, { lambda }] = await Promise.all([import('@aws-sdk/client-lambda'), import('./lambda')])
    const event: ExportWorkerEvent = { jobId }
    const { StatusCode } = await lambda().send(
      new InvokeCommand({ FunctionName: config.exportsFunctionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    )
    if (StatusCode !== 202) throw new Error(`exports worker not queued: Lambda answered ${StatusCode}`)
  },
}
