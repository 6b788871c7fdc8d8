import { createHash } from 'node:crypto'
import type { Outbox } from '../ports/outbox'
import type { SubscriptionMessage, WechatIdentity, WechatMessenger } from '../ports/messaging'
import { CODE_TTL_SECONDS } from '../../shared/api/reset-schemas'
import { SUBSCRIPTION_TEMPLATE_TITLES, type SubscriptionTemplate } from '../../shared/api/subscription-schemas'
import { formatChinaTime } from '../../shared/china-time'
import { type Credential, type CredentialTiming, sharedCredential } from './wechat-credentials'

/**
 * The mini-program's server-side WeChat APIs (developers.weixin.qq.com, 服务端 API):
 * `cgi-bin/token` (access_token, shared by all containers: wechat-credentials.ts), `cgi-bin/message/subscribe/send`
 * (a subscription message to the bound member) and `sns/jscode2session` (login code → openid).
 * The bound identity is the mini-program openid, so messages go out as the mini-program's one-time
 * subscription messages: one per acceptance of the template in `wx.requestSubscribeMessage`, which
 * the server counts (usecases/subscriptions.ts) before it sends.
 */
const API = 'https://api.weixin.qq.com'

export interface WechatSettings {
  appId: string
  appSecret: string
  /** The console's template ids (功能 → 订阅消息); their fields are the ones `subscriptionData` fills. */
  templateIds: Record<SubscriptionTemplate, string>
}

export function wechatSettings(env = process.env): WechatSettings {
  const read = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`environment variable ${name} is not set`)
    return value
  }
  return {
    appId: read('WECHAT_APP_ID'),
    appSecret: read('WECHAT_APP_SECRET'),
    templateIds: { code: read('WECHAT_CODE_TEMPLATE_ID'), decision: read('WECHAT_DECISION_TEMPLATE_ID'), reminder: read('WECHAT_REMINDER_TEMPLATE_ID') },
  }
}

/** Field labels of each template (the keywords picked in the console, in this order). */
const FIELD_LABELS: Record<SubscriptionTemplate, Record<string, string>> = {
  code: { character_string1: '验证码', thing2: '用途' },
  decision: { thing1: '审核事项', phrase2: '审核结果', time3: '审核时间', thing4: '备注' },
  reminder: { thing1: '待办事项', date2: '截止日期', thing3: '温馨提示' },
}

/** thing.DATA takes at most 20 characters (subscribeMessage.send, 参数值限制); longer text is cut with an ellipsis. */
const THING_MAX = 20
const thing = (text: string) => {
  const chars = [...(text.trim() || '无')]
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`
}
/** phrase.DATA: at most 5 Chinese characters and nothing else; WeChat refuses anything more (47003). */
const phrase = (text: string) => {
  if (!/^\p{Script=Han}{1,5}$/u.test(text)) throw new Error(`phrase value must be 1–5 Chinese characters: ${text}`)
  return text
}

/** date.DATA: 年月日格式, as the documented example 2019年10月1日 writes it. */
const chineseDate = (date: string) => {
  const [year, month, day] = date.split('-').map(Number)
  return `${year}年${month}月${day}日`
}

/** The template's data fields for a message, within the documented limits of each field type. */
export function subscriptionData(message: SubscriptionMessage): { page: string; data: Record<string, string> } {
  if (message.template === 'code') {
    return { page: 'pages/login/index', data: { character_string1: message.code, thing2: `找回密码，${CODE_TTL_SECONDS / 60}分钟内有效` } }
  }
  if (message.template === 'reminder') {
    return { page: message.page, data: { thing1: thing(message.subject), date2: chineseDate(message.deadline), thing3: thing(message.note) } }
  }
  return {
    page: message.page,
    data: { thing1: thing(message.subject), phrase2: phrase(message.result), time3: formatChinaTime(message.at.toISOString()), thing4: thing(message.note) },
  }
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

/** `cgi-bin/token` of one app: the mini-program's, or the official account's (JS-SDK, web authorization). */
export function accessTokenCache(app: () => { appId: string; appSecret: string }, fetchImpl: typeof fetch = fetch, timing?: CredentialTiming): Credential {
  return sharedCredential(
    'access_token',
    () => app().appId,
    async () => {
      const { appId, appSecret } = app()
      const query = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret })
      const answer = await wechatJson<{ access_token?: string; expires_in?: number }>(fetchImpl, `/cgi-bin/token?${query}`)
      if (!answer.access_token) throw new Error(`WeChat token failed: ${answer.errcode} ${answer.errmsg}`)
      return { value: answer.access_token, expiresIn: answer.expires_in }
    },
    timing,
  )
}

/** Calls an API that takes the access_token; when WeChat says the token went stale, once more with the renewed one (renewed once for all containers). */
export async function withAccessToken<T>(token: Credential, call: (accessToken: string) => Promise<T & WechatAnswer>): Promise<T & WechatAnswer> {
  const accessToken = await token.get()
  const answer = await call(accessToken)
  if (!answer.errcode || !STALE_TOKEN_CODES.has(answer.errcode)) return answer
  return call(await token.get(accessToken))
}

export function wechatApi(settings: () => WechatSettings = () => wechatSettings(), fetchImpl: typeof fetch = fetch) {
  const token = accessTokenCache(settings, fetchImpl)

  const messenger: WechatMessenger = {
    templateIds: () => settings().templateIds,
    async send(openid, message) {
      const { page, data } = subscriptionData(message)
      const body = JSON.stringify({
        touser: openid,
        template_id: settings().templateIds[message.template],
        page,
        lang: 'zh_CN',
        data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, { value }])),
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

/** Local template ids: the simulated prompt asks for these, and the outbox messenger sends them. */
const LOCAL_TEMPLATE_IDS: Record<SubscriptionTemplate, string> = {
  code: 'local-code-template',
  decision: 'local-decision-template',
  reminder: 'local-reminder-template',
}

/** The subscription message as the member would read it in WeChat: the template's title, then each field. */
export function wechatText(message: SubscriptionMessage): string {
  const { page, data } = subscriptionData(message)
  const fields = Object.entries(data).map(([key, value]) => `${FIELD_LABELS[message.template][key]}：${value}`)
  return `【${SUBSCRIPTION_TEMPLATE_TITLES[message.template]}】${fields.join('；')}（打开 ${page}）`
}

export function outboxWechat(outbox: Outbox): WechatMessenger {
  return {
    templateIds: () => LOCAL_TEMPLATE_IDS,
    send: (openid, message) => outbox.deliver({ channel: 'wechat', recipient: openid, body: wechatText(message) }),
  }
}
