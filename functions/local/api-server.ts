import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'
import { routes, type RouteDef } from '../../shared/api/contract'
import type { WorkerFunction } from '../../shared/api/route-def'
import { dynamo } from '../adapters/dynamo'
import { lambda } from '../adapters/lambda'
import { exportUploads } from '../adapters/export-files'
import { s3 } from '../adapters/s3'
import { handlersByGroup, workersByName } from '../handlers'
import { asFunction, enforceRoles } from './iam-emulation'
import { logRoundTrips } from './round-trips'
import { serveLocalWechatPage } from './wechat-pages'

interface CompiledRoute {
  route: RouteDef
  pattern: RegExp
  paramNames: string[]
}

const compiled: CompiledRoute[] = Object.values(routes as Record<string, RouteDef>).map((route) => {
  const paramNames: string[] = []
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_whole, name: string) => {
    paramNames.push(name)
    return '([^/]+)'
  })
  return { route, pattern: new RegExp(`^${source}$`), paramNames }
})

function match(method: string, path: string) {
  for (const candidate of compiled) {
    if (candidate.route.method !== method) continue
    const found = candidate.pattern.exec(path)
    if (found) {
      const params = Object.fromEntries(candidate.paramNames.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]))
      return { route: candidate.route, params }
    }
  }
  return undefined
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** HTTP API's CORS answers, as serverless.yml configures them for the mini-program's H5 origin. */
function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin
  if (!origin) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'authorization,content-type,idempotency-key',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
    'access-control-max-age': '600',
  }
}

/** serverless.yml's timeouts: API Gateway gives a route 30 s; the export worker runs up to 300 s. */
const ROUTE_SECONDS = 30
const WORKER_SECONDS = 300

export function lambdaContext(group: string, seconds: number): Context {
  const deadline = Date.now() + seconds * 1000
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${group}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${group}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/local-${group}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }
}

/**
 * Stands in for API Gateway (HTTP API, payload v2): turns each request into the event API Gateway
 * would send and calls the same Lambda handler the deployment runs. Unmatched paths go to the
 * system function as the `$default` route, as in serverless.yml.
 */
export async function handleApiRequest(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const method = (request.method ?? 'GET').toUpperCase()
  const cors = corsHeaders(request)
  if (method === 'OPTIONS') {
    response.writeHead(204, cors).end()
    return
  }
  const matched = match(method, url.pathname)
  const group = matched?.route.group ?? 'system'
  const body = await readBody(request)
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : (value ?? '')]),
  )
  const routeKey = matched ? `${matched.route.method} ${matched.route.path}` : '$default'
  const query = url.searchParams.size ? Object.fromEntries(url.searchParams) : undefined
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: query,
    pathParameters: matched && Object.keys(matched.params).length ? matched.params : undefined,
    body: body.length ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
  }
  // On unless IAM_EMULATION=off: local runs and tests see AccessDenied where AWS would answer it.
  if (process.env.IAM_EMULATION !== 'off') enforceRoles({ dynamo: dynamo(), s3: s3(), s3Uploads: exportUploads(), lambda: lambda() })
  const result = await logRoundTrips(routeKey, () => asFunction(group, () => handlersByGroup[group](event, lambdaContext(group, ROUTE_SECONDS))))
  const resultBody = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '')
  response.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>), ...cors })
  response.end(resultBody)
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/

function lambdaError(response: ServerResponse, status: number, type: string, message: string) {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type }).end(JSON.stringify({ Type: 'User', message }))
}

/**
 * Stands in for Lambda's Invoke API for the worker functions (functions/adapters/lambda.ts points
 * its client here locally). With InvocationType Event, Lambda accepts the event with 202 and runs
 * the function on its own; so does this, in this process, under the worker's role.
 */
async function handleInvoke(request: IncomingMessage, response: ServerResponse, functionName: string) {
  const body = await readBody(request)
  if (!Object.hasOwn(workersByName, functionName)) {
    lambdaError(response, 404, 'ResourceNotFoundException', `Function not found: ${functionName}`)
    return
  }
  if (request.headers['x-amz-invocation-type'] !== 'Event') {
    lambdaError(response, 400, 'InvalidParameterValueException', 'the local runner serves asynchronous (Event) invocations only')
    return
  }
  const name = functionName as WorkerFunction
  const event: unknown = JSON.parse(body.toString('utf8') || '{}')
  if (process.env.IAM_EMULATION !== 'off') enforceRoles({ dynamo: dynamo(), s3: s3(), s3Uploads: exportUploads(), lambda: lambda() })
  response.writeHead(202).end()
  asFunction(name, () => workersByName[name](event, lambdaContext(name, WORKER_SECONDS))).catch((error: unknown) =>
    console.error(`worker ${name} failed`, error),
  )
}

/**
 * Keep-alive race: a client reuses an idle socket until the server's advertised `Keep-Alive:
 * timeout` minus a margin (undici, behind fetch: 5 s − 1 s, checked on a coarse timer, so ~3–4 s).
 * Node's server closes the socket at its own keepAliveTimeout (5 s by default, the same number it
 * advertises). A request written at second 3 into a process busy for 2 s more (100 requests in
 * flight on an overloaded machine) finds the server's idle timer expired before it reads the
 * request: timers run before I/O, the socket is destroyed with the request unread, and the client
 * gets ECONNRESET for a request that never reached a handler. So the server advertises 5 s but
 * keeps idle sockets for 65 s: clients always give a socket up long before the server does
 * (reproduced with a server process busy for 4.5 s: ECONNRESET every time before, never after).
 * headersTimeout is kept above it, as is usual for servers with long keep-alive.
 */
const ADVERTISED_KEEP_ALIVE_SECONDS = 5
const KEEP_ALIVE_MS = 65_000

export function createApiServer(): Server {
  const server = createServer((request, response) => {
    // Set by hand, Node sends this instead of its own `timeout=` taken from keepAliveTimeout.
    response.setHeader('keep-alive', `timeout=${ADVERTISED_KEEP_ALIVE_SECONDS}`)
    // close() ends only sockets idle at that moment: one answering then would stay open KEEP_ALIVE_MS, and close() with it.
    response.once('finish', () => {
      if (!server.listening) server.closeIdleConnections()
    })
    if (serveLocalWechatPage(request, response)) return
    const invoked = request.method === 'POST' ? INVOKE_PATH.exec(new URL(request.url ?? '/', 'http://localhost').pathname) : null
    if (invoked) {
      handleInvoke(request, response, decodeURIComponent(invoked[1]!)).catch((error: unknown) => {
        console.error(error)
        if (!response.headersSent) lambdaError(response, 500, 'ServiceException', String(error))
      })
      return
    }
    handleApiRequest(request, response).catch((error: unknown) => {
      console.error(error)
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ code: 'INTERNAL', message: '本地网关错误' }))
    })
  })
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.headersTimeout = KEEP_ALIVE_MS + 1000
  return server
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}
