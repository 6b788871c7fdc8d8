import { localOutbox } from '../adapters/delivery'
import { awsHealthProbes } from '../adapters/health'
import { AppError } from '../usecases/errors'
import { coreRoutes } from '../../shared/api/routes/core'
import { lambdaForGroup } from '../http/route-handler'
import { health } from '../usecases/health'

/** Also API Gateway's `$default` route: any path not in the contract gets the standard 404 body. */
export const handler = lambdaForGroup('system', coreRoutes, {
  health: () => health(awsHealthProbes),
  // The document describes every route, so it builds the whole contract's schemas: the health probe
  // and the 404s, this function's usual traffic, never need them.
  openapi: async () => (await import('../../shared/api/openapi')).openApiDocument(),
  devOutbox: async ({ query }) => {
    const outbox = localOutbox()
    if (!outbox) throw new AppError('NOT_FOUND', '接口不存在')
    return { messages: await outbox.list(query.channel, query.recipient) }
  },
})
