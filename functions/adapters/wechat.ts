import { createHash } from 'node:crypto'
import type { Outbox } from '../ports/outbox'
import type { WechatIdentity, WechatMessenger } from '../ports/messaging'
import { CODE_TTL_SECONDS } from '../../shared/api/reset-schemas'

/**
 * The mini-program's server-side WeChat APIs (developers.weixin.qq.com, 服务端 API):
 * `cgi-bin/token` (access_token, cached until shortly before it expires), `cgi-bin/message/subscribe/send`
 * (a subscription message to the bound member) and `sns/jscode2session` (login code → openid).
 * The bound identity is the mini-program openid, so messages go out as the mini-program's
 * subscription messages (the template the member accepts when binding).
 */
const API = 'https://api.weixin.qq.com'

export interface WechatSettings {
  appId: string
  appSecret: string
  /** 验证码 template: character_string1 = the code, thing2 = what it is for. */
  codeTemplateId: string
}

export function wechatSettings(env = process.env): WechatSettings {
  const read = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`environment variable ${name} is not set`)
    return value
  }
  return { appId: read('WECHAT_APP_ID'), appSecret: read('WECHAT_APP_SECRET'), codeTemplateId: read('WECHAT_CODE_TEMPLATE_ID') }
}

interface WechatAnswer {
  errcode?: number
  errmsg?: string
}

/** errcodes meaning "this access_token is no longer valid": fetch a new one and retry once. */
const STALE_TOKEN_CODES = new Set([40001, 40014, 42001])

/** One call of WeChat's server API: its JSON answer, `errcode` included (WeChat answers errors with HTTP 200). */
export async function wechatJson<T>(fetchImpl: typeof fetch, path: string, init?: RequestInit): Promise<T & WechatAnswer> {
  const response = await fetchImpl(`${API}${path}`, { ...init, signal: AbortSignal.timeout(5000) })
  if (!response.ok) throw new Error(`WeChat API HTTP ${response.status}`)
  return (await response.json()) as T & WechatAnswer
}

/** Whatever WeChat hands out for a limited time (access_token, jsapi_ticket), with its lifetime in seconds. */
interface Expiring {
  value: string
  expiresIn?: number
}

/**
 * Keeps a credential until five minutes before it expires, and fetches it once for all callers
 * waiting at the same time: both the token and the ticket have small daily quotas, and each new
 * one invalidates the previous one after five minutes.
 */
export function expiringCredential(fetchFresh: () => Promise<Expiring>, now: () => number = Date.now) {
  let held: { value: string; validUntil: number } | null = null
  let pending: Promise<string> | null = null
  return {
    get(): Promise<string> {
      const at = now()
      if (held && held.validUntil > at) return Promise.resolve(held.value)
      pending ??= fetchFresh()
        .then(({ value, expiresIn = 7200 }) => {
          held = { value, validUntil: at + (expiresIn - 300) * 1000 }
          return value
        })
        .finally(() => {
          pending = null
        })
      return pending
    },
    forget() {
      held = null
    },
  }
}

export type Credential = ReturnType<typeof expiringCredential>

/** `cgi-bin/token` of one app: the mini-program's, or the official account's (JS-SDK, web authorization). */
export function accessTokenCache(app: () => { appId: string; appSecret: string }, fetchImpl: typeof fetch = fetch, now?: () => number): Credential {
  return expiringCredential(async () => {
    const { appId, appSecret } = app()
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret })
    const answer = await wechatJson<{ access_token?: string; expires_in?: number }>(fetchImpl, `/cgi-bin/token?${query}`)
    if (!answer.access_token) throw new Error(`WeChat token failed: ${answer.errcode} ${answer.errmsg}`)
    return { value: answer.access_token, expiresIn: answer.expires_in }
  }, now)
}

/** Calls an API that takes the access_token; when WeChat says the token went stale, once more with a new one. */
export async function withAccessToken<T>(token: Credential, call: (accessToken: string) => Promise<T & WechatAnswer>): Promise<T & WechatAnswer> {
  const answer = await call(await token.get())
  if (!answer.errcode || !STALE_TOKEN_CODES.has(answer.errcode)) return answer
  token.forget()
  return call(await token.get())
}

export function wechatApi(settings: () => WechatSettings = () => wechatSettings(), fetchImpl: typeof fetch = fetch) {
  const token = accessTokenCache(settings, fetchImpl)

  const messenger: WechatMessenger = {
    async sendCode(openid, code) {
      const { codeTemplateId } = settings()
      const body = JSON.stringify({
        touser: openid,
        template_id: codeTemplateId,
        page: 'pages/login/index',
        lang: 'zh_CN',
        data: { character_string1: { value: code }, thing2: { value: `找回密码，${CODE_TTL_SECONDS / 60}分钟内有效` } },
      })
      const answer = await withAccessToken(token, (accessToken) =>
        wechatJson(fetchImpl, `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      )
      if (answer.errcode) throw new Error(`WeChat subscribe/send failed: ${answer.errcode} ${answer.errmsg}`)
    },
  }

  const identity: WechatIdentity = {
    isLocalFake: false,
    async openidForCode(code) {
      const { appId, appSecret } = settings()
      const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' })
      const answer = await wechatJson<{ openid?: string }>(fetchImpl, `/sns/jscode2session?${query}`)
      // 40029 (invalid code), 40163 (code already used) and the like: the code proves nothing.
      return answer.openid ?? null
    },
  }

  return { messenger, identity }
}

export const LOCAL_CODE_PREFIX = 'local:'

/** The openid the local fake gives a local test user: stable, so a bound demo member stays bound. */
export function localOpenid(user: string): string {
  return `local-${createHash('sha256').update(user).digest('base64url').slice(0, 22)}`
}

/**
 * Local code2session: `local:<user>` codes (made by the H5 build's local-only fallback, see
 * miniprogram/src/lib/platform.ts) map to a stable openid per user; anything else is refused.
 */
export const localWechatIdentity: WechatIdentity = {
  isLocalFake: true,
  async openidForCode(code) {
    if (!code.startsWith(LOCAL_CODE_PREFIX)) return null
    const user = code.slice(LOCAL_CODE_PREFIX.length)
    return /^[\w-]{1,64}$/.test(user) ? localOpenid(user) : null
  },
}

export const wechatText = (code: string) => `【中注协行业管理信息系统】找回密码验证码：${code}，${CODE_TTL_SECONDS / 60}分钟内有效，请勿告诉他人。`

export function outboxWechat(outbox: Outbox): WechatMessenger {
  return {
    sendCode: (openid, code) => outbox.deliver({ channel: 'wechat', recipient: openid, body: wechatText(code) }),
  }
}
