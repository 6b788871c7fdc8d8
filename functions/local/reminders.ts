import { dynamo } from '../adapters/dynamo'
import { lambda } from '../adapters/lambda'
import { s3 } from '../adapters/s3'
import { handler } from '../handlers/reminders'
import { lambdaContext } from './api-server'
import { asFunction, enforceRoles } from './iam-emulation'

/** The function's own timeout in serverless.yml. */
const REMINDERS_SECONDS = 900

/**
 * Runs the deployed reminders handler in this process as EventBridge would start it, under the
 * function's role from permissions.json (the local runner's IAM emulation): the local command,
 * the tests and the bench all go through here.
 */
export function runRemindersJob(event: { associations?: string[] } = {}) {
  if (process.env.IAM_EMULATION !== 'off') enforceRoles({ dynamo: dynamo(), s3: s3(), lambda: lambda() })
  return asFunction('reminders', () => handler(event, lambdaContext('reminders', REMINDERS_SECONDS)))
}
