import { request as httpRequest } from 'node:http'
import type * as z from 'zod'
import { routes, type RouteBody, type RouteName, type RouteResponse, type Routes } from '../../shared/api/contract'
import type { SessionResponse } from '../../shared/api/schemas'
import type { UserType } from '../../shared/roles'
import type { ErrorBody } from '../../shared/errors'

export interface ApiAnswer<T = any> {
  status: number
  body: T
}

type Input<N extends RouteName, K extends 'params' | 'query'> = Routes[N] extends { [key in K]: infer S extends z.ZodType } ? z.input<S> : never

/** What a route is called with, typed by the shared contract; `as` is whoever is signed in (or a bare token). */
export interface CallOptions<N extends RouteName> {
  body?: RouteBody<N>
  params?: Input<N, 'params'>
  query?: Input<N, 'query'>
  as?: { token: string } | string
}

/** A route's answer: its contract's response on 200, the one error body on anything else. */
export type CallAnswer<N extends RouteName> = { status: 200; body: RouteResponse<N> } | { status: Exclude<number, 200>; body: ErrorBody }

/** `{param}` segments filled from `params`, then the query string, as the mini-program's client builds them. */
function pathOf(path: string, params: unknown = {}, query: unknown = {}): string {
  const values = params as Record<string, unknown>
  const filled = path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(String(values[name] ?? '')))
  const search = new URLSearchParams(Object.entries(query as object).map(([key, value]) => [key, String(value)])).toString()
  return search ? `${filled}?${search}` : filled
}

/**
 * Talks to the local API over HTTP, as the mini-program does; captchas are read from the local outbox.
 * Requests leave from `localAddress` when one is given: any 127.x.y.z is this machine, so a test can
 * be a second visitor with a source address of its own (the server sees it as the client's IP).
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly localAddress?: string,
  ) {}

  /** The same API seen from another source address (e.g. '127.0.0.2'). */
  from(localAddress: string): ApiClient {
    return new ApiClient(this.baseUrl, localAddress)
  }

  async request<T = any>(method: string, path: string, options: { body?: unknown; token?: string; rawBody?: string } = {}): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        `${this.baseUrl}${path}`,
        { method, headers, ...(this.localAddress ? { localAddress: this.localAddress } : {}) },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
          response.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
    return { status, body: text ? JSON.parse(text) : undefined }
  }

  /**
   * Calls a route of the shared contract as the mini-program's `call()` does. A 200 body must
   * match the route's response schema: a handler drifting from the contract fails here.
   */
  async call<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<CallAnswer<N>> {
    const route = routes[name]
    const token = typeof options.as === 'string' ? options.as : options.as?.token
    const answer = await this.request(route.method, pathOf(route.path, options.params, options.query), { body: options.body, token })
    if (answer.status !== 200) return answer
    const parsed = route.response.safeParse(answer.body)
    if (!parsed.success) throw new Error(`${name} answered outside its contract: ${parsed.error.message}\n${JSON.stringify(answer.body)}`)
    return { status: 200, body: parsed.data as RouteResponse<N> }
  }

  /** Calls a route that must succeed and answers its typed body. */
  async ok<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<RouteResponse<N>> {
    const answer = await this.call(name, options)
    if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
    return answer.body as RouteResponse<N>
  }

  /** Calls a route that must be refused and answers the status with its error body. */
  async refused<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<{ status: number; body: ErrorBody }> {
    const answer = await this.call(name, options)
    if (answer.status === 200) throw new Error(`${name} was not refused: ${JSON.stringify(answer.body)}`)
    return answer as { status: number; body: ErrorBody }
  }

  async captchaAnswer(captchaId: string): Promise<string> {
    const { body } = await this.request('GET', `/api/v1/dev/outbox?channel=captcha&recipient=${captchaId}`)
    const answer = body.messages[0]?.body
    if (!answer) throw new Error(`no captcha answer in the outbox for ${captchaId}`)
    return answer
  }

  async solvedCaptcha(): Promise<{ captchaId: string; captchaCode: string }> {
    const { body } = await this.request('POST', '/api/v1/captcha')
    return { captchaId: body.captchaId, captchaCode: await this.captchaAnswer(body.captchaId) }
  }

  async login(userType: UserType, username: string, password: string): Promise<ApiAnswer<SessionResponse & ErrorBody>> {
    return this.request('POST', '/api/v1/auth/login', { body: { userType, username, password, ...(await this.solvedCaptcha()) } })
  }

  async token(userType: UserType, username: string, password: string): Promise<string> {
    const answer = await this.login(userType, username, password)
    if (answer.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(answer.body)}`)
    return answer.body.accessToken
  }
}
