import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import aws4 from 'aws4'

/**
 * Requests to an AWS service's documented HTTP API, signed with Signature V4 by aws4: what the
 * DynamoDB client and the S3 upload of exports send instead of the AWS SDK's clients, whose
 * middleware stacks, endpoint rules and credential chains cost a cold start 50–100 ms to require.
 */
export interface AwsEndpoint {
  service: 'dynamodb' | 's3'
  region: string
  url: URL
  agent: HttpAgent
}

/** `host` names the service's own host from the region's domain (China regions live under amazonaws.com.cn). */
export function awsEndpoint(service: AwsEndpoint['service'], region: string, endpoint: string | undefined, host: (domain: string) => string): AwsEndpoint {
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  const url = new URL(endpoint ?? `https://${host(domain)}`)
  // Kept alive as the SDK does: a new TLS handshake per request would cost more than the request.
  const agent = url.protocol === 'http:' ? new HttpAgent({ keepAlive: true, maxSockets: 50 }) : new HttpsAgent({ keepAlive: true, maxSockets: 50 })
  return { service, region, url, agent }
}

export interface AwsAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export function signedRequest(
  endpoint: AwsEndpoint,
  request: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<AwsAnswer> {
  const { url } = endpoint
  const signed = aws4.sign(
    {
      service: endpoint.service,
      region: endpoint.region,
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: request.path,
      headers: { ...request.headers },
      body: request.body ?? '',
    },
    {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
  )
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest
  return new Promise((resolve, reject) => {
    const outgoing = send({ ...signed, agent: endpoint.agent }, (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    })
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

const RETRIED_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN'])
const MAX_ATTEMPTS = 3
const BASE_DELAY_MS = 100

/** A dropped or refused connection: the SDK's standard strategy retries these for every service. */
export const isNetworkFault = (error: unknown) => RETRIED_NETWORK_CODES.has((error as { code?: string }).code ?? '')

/**
 * The SDK's standard retry strategy: up to 3 attempts, with full-jitter backoff so concurrent
 * retries spread out instead of colliding again. `attempt` gets the attempt's number (1, 2, 3).
 */
export async function withRetries<T>(attempt: (number: number) => Promise<T>, retryable: (error: unknown) => boolean): Promise<T> {
  for (let number = 1; ; number++) {
    try {
      return await attempt(number)
    } catch (error) {
      if (number >= MAX_ATTEMPTS || !retryable(error)) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.random() * BASE_DELAY_MS * 2 ** number))
    }
  }
}

/** Wraps a client's every request: the local runner's IAM emulation and request counts (functions/local/). */
export type Interceptor<Call, Answer> = (call: Call, proceed: () => Promise<Answer>) => Promise<Answer>

export class Interceptors<Call, Answer> {
  private readonly chain: Interceptor<Call, Answer>[] = []

  /** `outermost` runs it outside those added before (a count that must see what a later check refuses). */
  add(interceptor: Interceptor<Call, Answer>, { outermost = false } = {}): void {
    if (outermost) this.chain.unshift(interceptor)
    else this.chain.push(interceptor)
  }

  /** `send` inside every interceptor, the first added outermost. */
  run(call: Call, send: () => Promise<Answer>): Promise<Answer> {
    return this.chain.reduceRight<() => Promise<Answer>>((proceed, interceptor) => () => interceptor(call, proceed), send)()
  }
}
