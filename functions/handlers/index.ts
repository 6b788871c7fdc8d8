import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type { FunctionGroup } from '../../shared/api/contract'
import type { WorkerFunction } from '../../shared/api/route-def'
import { handler as account } from './account'
import { handler as admission } from './admission'
import { handler as auth } from './auth'
import { handler as captcha } from './captcha'
import { handler as certificate } from './certificate'
import { handler as credential } from './credential'
import { handler as education } from './education'
import { handler as exports } from './exports'
import { handler as inspection } from './inspection'
import { handler as personal } from './personal'
import { handler as reset } from './reset'
import { handler as staff } from './staff'
import { handler as system } from './system'

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>

/** Every deployed function by group, for the local runner (each is deployed as its own Lambda). */
export const handlersByGroup: Record<FunctionGroup, LambdaHandler> = {
  captcha,
  auth,
  account,
  staff,
  system,
  admission,
  inspection,
  reset,
  credential,
  certificate,
  education,
  personal,
}

/** The worker functions by name, for the local runner's stand-in of Lambda's Invoke API. */
export const workersByName: Record<WorkerFunction, (event: unknown, context: Context) => Promise<void>> = { exports }
