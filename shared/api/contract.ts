import type * as z from 'zod'
import type { RouteDef } from './route-def'
import { admissionRoutes } from './routes/admission'
import { certificateRoutes } from './routes/certificate'
import { coreRoutes } from './routes/core'
import { credentialRoutes } from './routes/credential'
import { educationRoutes } from './routes/education'
import { inspectionRoutes } from './routes/inspection'
import { personalRoutes } from './routes/personal'
import { resetRoutes } from './routes/reset'
import { subscriptionRoutes } from './routes/subscriptions'
import { workbenchRoutes } from './routes/workbench'

export { FUNCTION_GROUPS, type Access, type FunctionGroup, type RouteDef } from './route-def'

/**
 * The API contract: one entry per route. The Lambda router, the local HTTP runner, serverless.yml's
 * routes (checked by a test), the OpenAPI document and the mini-program's typed client all read it.
 */
export const routes = {
  ...coreRoutes,
  ...admissionRoutes,
  ...inspectionRoutes,
  ...resetRoutes,
  ...credentialRoutes,
  ...certificateRoutes,
  ...educationRoutes,
  ...subscriptionRoutes,
  ...workbenchRoutes,
  ...personalRoutes,
} as const satisfies Record<string, RouteDef>

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteBody<N extends RouteName> = Routes[N] extends { body: infer B extends z.ZodType } ? z.input<B> : undefined
export type RouteResponse<N extends RouteName> = z.output<Routes[N]['response']>
