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

export function wechatApi(settings: () => WechatSettings = () => wechatSettings(), fetchImpl: typeof fetch = fetch) {
  let token: { value: string; validUntil: number } | null = null
  let pending: Promise<string> | null = null

  async function getJson<T>(url: string, init?: RequestInit): Promise<T & WechatAnswer> {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(5000) })
    if (!response.ok) throw new Error(`WeChat API HTTP ${response.status}`)
    return (await response.json()) as T & WechatAnswer
  }

  function accessToken(now = Date.now()): Promise<string> {
    if (token && token.validUntil > now) return Promise.resolve(token.value)
    // One fetch at a time: each new token invalidates the previous one after five minutes.
    pending ??= (async () => {
      const { appId, appSecret } = settings()
      const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret })
      const answer = await getJson<{ access_token?: string; expires_in?: number }>(`${API}/cgi-bin/token?${query}`)
      if (!answer.access_token) throw new Error(`WeChat token failed: ${answer.errcode} ${answer.errmsg}`)
      token = { value: answer.access_token, validUntil: now + ((answer.expires_in ?? 7200) - 300) * 1000 }
      return token.value
    })().finally(() => {
      pending = null
    })
    return pending
  }

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
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await getJson(`${API}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await accessToken())}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        if (!answer.errcode) return
        if (!STALE_TOKEN_CODES.has(answer.errcode) || attempt > 0) throw new Error(`WeChat subscribe/send failed: ${answer.errcode} ${answer.errmsg}`)
        token = null
      }
    },
  }

  const identity: WechatIdentity = {
    isLocalFake: false,
    async openidForCode(code) {
      const { appId, appSecret } = settings()
      const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' })
      const answer = await getJson<{ openid?: string }>(`${API}/sns/jscode2session?${query}`)
      // 40029 (invalid code), 40163 (code already used) and the like: the code proves nothing.
      return answer.openid ?? null
    },
  }

  return { messenger, identity, accessToken }
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
