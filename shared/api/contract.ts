import * as z from 'zod'
import type { Role } from '../roles'
import {
  CaptchaResponse,
  ChangePasswordRequest,
  HealthResponse,
  InboxResponse,
  LoginRequest,
  OkResponse,
  OutboxQuery,
  OutboxResponse,
  ProfileResponse,
  RefreshRequest,
  SessionResponse,
} from './schemas'

/**
 * The API contract: one entry per route. The Lambda router, the local HTTP runner, serverless.yml's
 * routes (checked by a test), the OpenAPI document and the mini-program's typed client all read it.
 */
export type Access = 'public' | readonly Role[]

/** The Lambda function that serves a route: one function per route group. */
export const FUNCTION_GROUPS = ['auth', 'account', 'staff', 'system'] as const
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number]

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: `/api/v1/${string}`
  group: FunctionGroup
  access: Access
  summary: string
  body?: z.ZodType
  query?: z.ZodObject
  response: z.ZodType
  /** Routes still open to a user who must first replace the initial password. */
  allowedBeforePasswordChange?: boolean
}

const ANY_USER: readonly Role[] = ['member', 'local_staff', 'cicpa_staff']
const STAFF: readonly Role[] = ['local_staff', 'cicpa_staff']

export const routes = {
  health: {
    method: 'GET',
    path: '/api/v1/health',
    group: 'system',
    access: 'public',
    summary: '检查 DynamoDB 与 S3 是否可用',
    response: HealthResponse,
  },
  openapi: {
    method: 'GET',
    path: '/api/v1/openapi.json',
    group: 'system',
    access: 'public',
    summary: '本接口契约（OpenAPI 3.1，由共享 zod 模式生成）',
    response: z.record(z.string(), z.unknown()),
  },
  devOutbox: {
    method: 'GET',
    path: '/api/v1/dev/outbox',
    group: 'system',
    access: 'public',
    summary: '本地发件箱：本地运行时发出的验证码与消息（生产环境不存在）',
    query: OutboxQuery,
    response: OutboxResponse,
  },
  captcha: {
    method: 'POST',
    path: '/api/v1/captcha',
    group: 'auth',
    access: 'public',
    summary: '获取图形验证码（一次有效，5分钟过期）',
    response: CaptchaResponse,
  },
  login: {
    method: 'POST',
    path: '/api/v1/auth/login',
    group: 'auth',
    access: 'public',
    summary: '登录',
    body: LoginRequest,
    response: SessionResponse,
  },
  refresh: {
    method: 'POST',
    path: '/api/v1/auth/refresh',
    group: 'auth',
    access: 'public',
    summary: '用刷新凭证换取新的访问凭证',
    body: RefreshRequest,
    response: SessionResponse,
  },
  logout: {
    method: 'POST',
    path: '/api/v1/auth/logout',
    group: 'auth',
    access: ANY_USER,
    summary: '退出登录（所有设备上的登录同时失效）',
    response: OkResponse,
    allowedBeforePasswordChange: true,
  },
  changePassword: {
    method: 'POST',
    path: '/api/v1/auth/password',
    group: 'auth',
    access: ANY_USER,
    summary: '修改密码（初始密码必须先修改）',
    body: ChangePasswordRequest,
    response: SessionResponse,
    allowedBeforePasswordChange: true,
  },
  profile: {
    method: 'GET',
    path: '/api/v1/me',
    group: 'account',
    access: ANY_USER,
    summary: '我的信息（敏感信息脱敏）',
    response: ProfileResponse,
  },
  inbox: {
    method: 'GET',
    path: '/api/v1/staff/inbox',
    group: 'staff',
    access: STAFF,
    summary: '审批待办：按事项分类的待办数量',
    response: InboxResponse,
  },
} as const satisfies Record<string, RouteDef>

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteBody<N extends RouteName> = Routes[N] extends { body: infer B extends z.ZodType } ? z.input<B> : undefined
export type RouteResponse<N extends RouteName> = z.output<Routes[N]['response']>

export const API_PREFIX = '/api/v1'
