import type * as z from 'zod'
import type { Role } from '../roles'

export type Access = 'public' | readonly Role[]

/**
 * The Lambda function that serves a route: one function per route group. A group's routes live in
 * shared/api/routes/<group>.ts, its handler in functions/handlers/<group>.ts.
 */
export const FUNCTION_GROUPS = ['captcha', 'auth', 'account', 'staff', 'system', 'admission', 'inspection', 'reset', 'credential', 'certificate', 'education'] as const
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number]

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: `/api/v1/${string}`
  group: FunctionGroup
  access: Access
  summary: string
  /** Path parameters (`{id}` in the path), validated like the body. */
  params?: z.ZodObject
  body?: z.ZodType
  query?: z.ZodObject
  response: z.ZodType
  /** Routes still open to a user who must first replace the initial password. */
  allowedBeforePasswordChange?: boolean
}

export const ANY_USER: readonly Role[] = ['member', 'local_staff', 'cicpa_staff']
export const STAFF: readonly Role[] = ['local_staff', 'cicpa_staff']
export const MEMBER: readonly Role[] = ['member']
export const LOCAL_STAFF: readonly Role[] = ['local_staff']
export const CICPA_STAFF: readonly Role[] = ['cicpa_staff']
