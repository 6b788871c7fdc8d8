import { request as httpRequest } from 'node:http'
import type { SessionResponse } from '../../shared/api/schemas'
import type { UserType } from '../../shared/roles'
import type { ErrorBody } from '../../shared/errors'

export interface ApiAnswer<T = any> {
  status: number
  body: T
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
      const outgoing = httpRequest(`${this.baseUrl}${path}`, { method, headers, ...(this.localAddress ? { localAddress: this.localAddress } : {}) }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      })
      outgoing.on('error', reject)
      outgoing.end(body)
    })
    return { status, body: text ? JSON.parse(text) : undefined }
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
