import type * as z from 'zod'
import type { Role, UserType } from '../roles'

export type Access = 'public' | readonly Role[]

/**
 * The Lambda function that serves a route: one function per route group. A group's routes live in
 * shared/api/routes/<group>.ts, its handler in functions/handlers/<group>.ts.
 */
export const FUNCTION_GROUPS = [
  'captcha',
  'auth',
  'account',
  'staff',
  'system',
  'admission',
  'inspection',
  'reset',
  'credential',
  'certificate',
  'education',
  'personal',
] as const
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number]

/**
 * Functions with no HTTP route, started by another function through Lambda's Invoke API; the
 * handler of each lives in functions/handlers/<name>.ts like a group's.
 */
export const WORKER_FUNCTIONS = ['exports'] as const
export type WorkerFunction = (typeof WORKER_FUNCTIONS)[number]

/** Functions an EventBridge schedule starts (a `schedule` event in serverless.yml), with no HTTP route either. */
export const SCHEDULED_FUNCTIONS = ['reminders'] as const

/** Every function the deployment has: one per route group, the workers and the scheduled ones. */
export const DEPLOYED_FUNCTIONS = [...FUNCTION_GROUPS, ...WORKER_FUNCTIONS, ...SCHEDULED_FUNCTIONS] as const

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
  /** Only these members may call it (staff are governed by `access` alone). */
  audience?: Audience
}

/** Which member user types a route serves; every other member gets `refusal` as a 403. */
export interface Audience {
  userTypes: readonly UserType[]
  refusal: string
}

export const ANY_USER: readonly Role[] = ['member', 'local_staff', 'cicpa_staff']
export const STAFF: readonly Role[] = ['local_staff', 'cicpa_staff']
export const MEMBER: readonly Role[] = ['member']
export const LOCAL_STAFF: readonly Role[] = ['local_staff']
export const CICPA_STAFF: readonly Role[] = ['cicpa_staff']

/**
 * The annual inspection and its fee are for non-practising members (seed 003); practising CPAs
 * go through their firm and local association, outside this system.
 */
export const NON_PRACTISING_MEMBERS: Audience = {
  userTypes: ['non_practising'],
  refusal: '年检仅适用于非执业会员，注册会计师请通过所在会计师事务所向地方注协办理年检',
}
