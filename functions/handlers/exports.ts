import { deferred } from '../../shared/deferred'
import middy from '@middy/core'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import * as z from 'zod'
import { clock } from '../adapters/clock'
import { s3ExportWorkbooks } from '../adapters/export-files'
import { dynamoExportJobs, dynamoExportSources } from '../adapters/exports-dynamo'
import { dynamoFigures } from '../adapters/figures'
import type { ExportWorkerEvent } from '../adapters/lambda'
import { logger, operationsLog } from '../adapters/logger'
import { dynamoInbox } from '../adapters/pending'
import { runExport } from '../usecases/exports'

const workerEvent = deferred(() => z.object({ jobId: z.string().min(1) })) satisfies z.ZodType<ExportWorkerEvent>

/**
 * The exports worker (serverless.yml function `exports`, no HTTP route): invoked asynchronously
 * by the staff function with a job id, it builds that job's workbook into S3.
 */
export const handler = middy<unknown, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const { jobId } = workerEvent.parse(event)
    logger.appendKeys({ exportJob: jobId })
    await runExport(
      {
        jobs: dynamoExportJobs,
        workbooks: s3ExportWorkbooks,
        sources: dynamoExportSources,
        inbox: dynamoInbox,
        figures: dynamoFigures,
        log: operationsLog,
        clock,
      },
      jobId,
    )
  })
