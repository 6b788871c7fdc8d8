import middy from '@middy/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import type * as z from 'zod'
import type { FunctionGroup, RouteDef, RouteName, Routes } from '../../shared/api/contract'
import type { ErrorBody } from '../../shared/errors'
import { firstFieldError, validate } from '../../shared/validation'
import { dynamoAccountStore } from '../adapters/accounts-dynamo'
import { authenticate, type Caller } from '../auth/tokens'
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware'
import { logger } from '../adapters/logger'
import { StaleWrite } from '../ports/outcomes'
import { AppError, changedMeanwhile } from '../usecases/errors'
import { statusOf } from './errors'

type BodyOf<R> = R extends { body: infer B extends z.ZodType } ? z.output<B> : undefined
type QueryOf<R> = R extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined
type ParamsOf<R> = R extends { params: infer P extends z.ZodType } ? z.output<P> : Record<string, string>
type CallerOf<R> = R extends { access: 'public' } ? Caller | null : Caller

export interface RouteInput<R> {
  body: BodyOf<R>
  query: QueryOf<R>
  params: ParamsOf<R>
  caller: CallerOf<R>
  sourceIp: string
  requestId: string
  /** The `idempotency-key` request header: a retried request carries the same key. */
  idempotencyKey: string | undefined
  /** Request headers (lower-case names) and the body exactly as sent: signed callbacks verify these. */
  headers: Record<string, string | undefined>
  rawBody: string
}

export type Implementation<N extends RouteName> = (input: RouteInput<Routes[N]>) => Promise<z.input<Routes[N]['response']>>

type GroupRoutes<G extends FunctionGroup> = { [N in RouteName]: Routes[N]['group'] extends G ? N : never }[RouteName]
export type GroupImplementations<G extends FunctionGroup> = { [N in GroupRoutes<G>]: Implementation<N> }

export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method} ${route.path}`

function json(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  }
}

export function errorResponse(error: AppError): APIGatewayProxyStructuredResultV2 {
  const body: ErrorBody = { code: error.code, message: error.message }
  if (error.fieldErrors) body.fieldErrors = error.fieldErrors
  return json(statusOf(error.code), body)
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const { data, errors } = validate(schema, value)
  if (Object.keys(errors).length) throw new AppError('VALIDATION_FAILED', firstFieldError(errors), errors)
  return data as z.output<S>
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return {}
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('VALIDATION_FAILED', '请求内容不是有效的 JSON')
  }
}

/**
 * A good signature is not enough: logout, a password change or reset and a reused refresh token
 * bump the account's token version, and a token carrying an older one is refused from the next
 * request on. One strongly consistent GetItem per request and no cache, so this holds at once on
 * every Lambda instance, not only the one that handled the logout.
 */
async function currentCaller(header: string): Promise<Caller> {
  const caller = authenticate(header)
  if ((await dynamoAccountStore.tokenVersion(caller.accountId)) !== caller.tokenVersion) {
    throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录')
  }
  return caller
}

/** `knowsCallers` is false for groups with only public routes: they never act on who calls. */
async function authorize(route: RouteDef, event: APIGatewayProxyEventV2, knowsCallers: boolean): Promise<Caller | null> {
  const header = event.headers?.authorization ?? event.headers?.Authorization
  if (route.access === 'public') return header && knowsCallers ? optionalCaller(header) : null
  if (!header) throw new AppError('UNAUTHENTICATED', '请先登录')
  const caller = await currentCaller(header)
  if (!route.access.includes(caller.role)) throw new AppError('FORBIDDEN', '当前账号无权使用该功能')
  if (caller.mustChangePassword && !route.allowedBeforePasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录须先修改初始密码')
  }
  if (route.audience && caller.role === 'member' && !route.audience.userTypes.includes(caller.userType)) {
    throw new AppError('FORBIDDEN', route.audience.refusal)
  }
  return caller
}

/** On a public route a stale or broken token makes an anonymous caller, not a refusal. */
async function optionalCaller(header: string): Promise<Caller | null> {
  try {
    return await currentCaller(header)
  } catch (error) {
    if (error instanceof AppError) return null
    throw error
  }
}

/**
 * One Lambda per route group: API Gateway's routeKey picks the route, the contract says who may
 * call it and what the body must be; the use case gets parsed input and a known caller. The group's
 * routes come from its own routes file, so a bundle carries only its own schemas.
 */
export function lambdaForGroup<G extends FunctionGroup>(group: G, groupRoutes: Pick<Routes, GroupRoutes<G>>, implementations: GroupImplementations<G>) {
  const byKey = new Map<string, { route: RouteDef; implementation: Implementation<RouteName> }>()
  for (const [name, implementation] of Object.entries(implementations)) {
    const route = (groupRoutes as Record<string, RouteDef>)[name]
    if (route?.group !== group) throw new Error(`route ${name} belongs to ${route?.group}, not ${group}`)
    byKey.set(routeKey(route), { route, implementation: implementation as Implementation<RouteName> })
  }
  // Such a group's role may not read accounts, and has no use for them.
  const knowsCallers = [...byKey.values()].some(({ route }) => route.access !== 'public')

  const dispatch = async (event: APIGatewayProxyEventV2, _context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const entry = byKey.get(event.routeKey)
    if (!entry) throw new AppError('NOT_FOUND', '接口不存在')
    const { route, implementation } = entry
    const caller = await authorize(route, event, knowsCallers)
    const body = route.body ? parse(route.body, readJsonBody(event)) : undefined
    const query = route.query ? parse(route.query, event.queryStringParameters ?? {}) : undefined
    const rawParams = event.pathParameters ?? {}
    const params = route.params ? parse(route.params, rawParams) : rawParams
    const result = await implementation({
      body,
      query,
      params,
      caller,
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      requestId: event.requestContext?.requestId ?? '',
      idempotencyKey: event.headers?.['idempotency-key'],
      headers: event.headers ?? {},
      rawBody: event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '',
    } as RouteInput<Routes[RouteName]> as never)
    return json(200, route.response.parse(result))
  }

  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: async (request) => {
        // API Gateway's id is the one a member quotes from an error screen; the Lambda id comes with the context.
        logger.setCorrelationId(request.event.requestContext?.requestId)
        logger.appendKeys({ route: request.event.routeKey })
      },
    })
    .use({
      onError: async (request) => {
        const error = request.error
        if (error instanceof AppError) {
          request.response = errorResponse(error)
          return
        }
        // A lost conditional write the use case did not word itself still answers 409, not 500.
        if (error instanceof StaleWrite) {
          request.response = errorResponse(changedMeanwhile())
          return
        }
        // Only the error itself, with its stack: request bodies may hold ID numbers and passwords.
        logger.error('unexpected error', error instanceof Error ? error : String(error))
        request.response = errorResponse(new AppError('INTERNAL', '系统繁忙，请稍后再试'))
      },
    })
    .handler(dispatch)
}
