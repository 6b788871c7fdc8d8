import { deferred } from '../../shared/deferred'
import middy from '@middy/core'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import * as z from 'zod'
import { clock } from '../adapters/clock'
import { dynamoInspectionSettings } from '../adapters/inspection-dynamo'
import { logger } from '../adapters/logger'
import { dynamoInbox } from '../adapters/pending'
import { dynamoReminders, dynamoReminderSources } from '../adapters/reminders-dynamo'
import { wechatNotices } from '../adapters/subscriptions-dynamo'
import { runReminders, type ReminderRun } from '../usecases/reminders'

/**
 * EventBridge's scheduled event carries nothing the job needs; a manual or local run may name the
 * associations to go through (`npm run reminders -- --association ZJ`).
 */
const reminderEvent = deferred(() => z.object({ associations: z.array(z.string().min(1)).min(1).optional() }).loose())

/** The daily reminders job (serverless.yml function `reminders`, started by its schedule). */
export const handler = middy<unknown, ReminderRun>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const { associations } = reminderEvent.parse(event ?? {})
    const run = await runReminders(
      { sources: dynamoReminderSources, store: dynamoReminders, settings: dynamoInspectionSettings, inbox: dynamoInbox, notices: wechatNotices(), clock },
      associations ? { associations } : {},
    )
    logger.info('reminders run', {
      date: run.date,
      // Associations on a reminder day with no members in them would only make the line longer.
      associations: run.associations
        .filter(({ read }) => read > 0)
        .map(({ associationCode, daysLeft, read, reminded, alreadyReminded }) => ({
          associationCode,
          daysLeft,
          read,
          reminded,
          alreadyReminded,
        })),
      digests: run.digests.map(({ scopeCode, total, outcome }) => ({ scopeCode, total, outcome })),
    })
    return run
  })
