import Taro from '@tarojs/taro'
import type { RouteBody, RouteName, RouteResponse } from '@shared/api/contract'
import type { ErrorBody } from '@shared/errors'
import { clearSession, PAGES, readSession, saveSession } from '../lib/session'
import { showToast, TOAST_MS } from '../lib/toast'

/** Method, path and access of each route, read from the contract when the app is built (config/index.ts). */
const ROUTES = API_ROUTES

/**
 * The contract's schemas (zod and every route's), which check the answers: on H5 a chunk of their
 * own that loads beside a page's first request instead of before the page shows.
 */
const loadContract = () => import('@shared/api/contract')

/** A refused request: `message` is the server's Chinese sentence, `fieldErrors` name the fields. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorBody['code'] | 'NETWORK',
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message)
  }
}

interface CallOptions<N extends RouteName> {
  body?: RouteBody<N>
  query?: Record<string, string>
  params?: Record<string, string>
  /** e.g. `idempotency-key`, kept by the page across retries of one submit */
  headers?: Record<string, string>
}

function urlFor(path: string, options: { query?: Record<string, string>; params?: Record<string, string> }) {
  const filled = path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(options.params?.[name] ?? ''))
  const query = options.query
    ? Object.entries(options.query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&')
    : ''
  return `${API_BASE}${filled}${query ? `?${query}` : ''}`
}

/** A body that is not JSON (a gateway's HTML error page) reads as none: the status still tells what happened. */
function parsedOrNothing(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

interface Answer {
  statusCode: number
  data: unknown
}

/**
 * On H5, Taro.request is fetch behind option handling and an AbortController polyfill (~15 KB
 * gzip) that the login and verification pages would load before they can draw (bench/first-screen.ts).
 * Webpack drops a dead branch, and with it Taro.request's code, only from an if/else in a plain
 * function: babel turns an async function into a state machine whose cases webpack keeps.
 */
function request(method: string, url: string, data: string | undefined, header: Record<string, string>): Promise<Answer> {
  if (process.env.TARO_ENV === 'h5') {
    return fetch(url, { method, headers: header, body: data }).then((response) =>
      response.text().then((text) => ({ statusCode: response.status, data: parsedOrNothing(text) })),
    )
  } else {
    return Taro.request({ url, method: method as 'GET', data, header, dataType: 'json' }).then(({ statusCode, data: answer }) => ({
      statusCode,
      data: answer as unknown,
    }))
  }
}

async function send(method: string, url: string, body: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const header = { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }
  try {
    return await request(method, url, body === undefined ? undefined : JSON.stringify(body), header)
  } catch {
    throw new ApiError(0, 'NETWORK', '网络不可用，请检查网络后重试')
  }
}

let refreshing: Promise<boolean> | null = null

/** One refresh at a time: several requests failing together must not each burn the refresh token. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = readSession()
    if (!session) return false
    const [response, { routes }] = await Promise.all([send('POST', urlFor(ROUTES.refresh.path, {}), { refreshToken: session.refreshToken }), loadContract()])
    if (response.statusCode !== 200) return false
    saveSession(routes.refresh.response.parse(response.data))
    return true
  })().finally(() => {
    refreshing = null
  })
  return refreshing
}

function leaveTo(url: string) {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (!url.startsWith(`/${current}`)) void Taro.reLaunch({ url })
}

/**
 * Sends a route's request and answers the body as the server sent it, unchecked. Expired access
 * tokens are refreshed once; a session that cannot be refreshed goes back to the login page; a
 * forced password change goes to that page.
 */
export async function callUnchecked<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<unknown> {
  const route = ROUTES[name]
  const url = urlFor(route.path, options)
  // Public routes get the token too when there is one: some answer staff with more (e.g. verification).
  let response = await send(route.method, url, options.body, readSession()?.accessToken, options.headers)
  if (response.statusCode === 401 && !route.public && (await refreshSession())) {
    response = await send(route.method, url, options.body, readSession()?.accessToken, options.headers)
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data

  const error = (response.data ?? {}) as Partial<ErrorBody>
  const failure = new ApiError(response.statusCode, error.code ?? 'INTERNAL', error.message ?? '系统繁忙，请稍后再试', error.fieldErrors)
  if (!route.public && response.statusCode === 401) {
    clearSession()
    leaveTo(PAGES.login)
  } else if (failure.code === 'PASSWORD_CHANGE_REQUIRED') {
    leaveTo(`${PAGES.changePassword}?forced=1`)
  }
  throw failure
}

/** Calls a route of the shared contract and checks the answer against its response schema. */
export async function call<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<RouteResponse<N>> {
  const [data, { routes }] = await Promise.all([callUnchecked(name, options), loadContract()])
  return routes[name].response.parse(data) as RouteResponse<N>
}

export function showError(error: unknown) {
  const message = error instanceof ApiError ? error.message : '系统繁忙，请稍后再试'
  void showToast({ title: message, icon: 'none', duration: TOAST_MS.reason })
}
