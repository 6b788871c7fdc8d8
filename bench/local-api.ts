import { Agent, request as httpRequest } from 'node:http'
import { dynamoOutbox } from '../functions/adapters/outbox-dynamo'
import { routes } from '../shared/api/contract'

/** One request to the local API, for what the bench prepares (logins, lists) outside the timed parts. */
export async function json(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } })
  return { status: response.status, body: await response.json() }
}

/** A login body with the captcha solved from the local outbox. */
export async function loginBody(base: string, account: { userType: string; username: string; password: string }) {
  const { body } = await json(base, routes.captcha.path, { method: 'POST' })
  const [message] = await dynamoOutbox.list('captcha', body.captchaId)
  return JSON.stringify({
    userType: account.userType,
    username: account.username,
    password: account.password,
    captchaId: body.captchaId,
    captchaCode: message!.body,
  })
}

export async function accessToken(base: string, account: { userType: string; username: string; password: string }): Promise<string> {
  const { status, body } = await json(base, routes.login.path, { method: 'POST', body: await loginBody(base, account) })
  if (status !== 200) throw new Error(`login of ${account.username} answered ${status}: ${JSON.stringify(body)}`)
  return body.accessToken as string
}

export interface Prepared {
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Source address on the loopback network (any 127.x.y.z reaches the server). */
  localAddress?: string
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 256 })

/** One HTTP request with node:http, which (unlike fetch) can choose the source address; answers status and body. */
export function send(base: string, prepared: Prepared): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}${prepared.path}`,
      {
        method: prepared.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...prepared.headers },
        localAddress: prepared.localAddress,
        agent: keepAlive,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    request.on('error', reject)
    request.end(prepared.body)
  })
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
