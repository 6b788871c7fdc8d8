import { createHash } from 'node:crypto'
import { config } from '../config'
import type { WebAuthorization } from '../ports/wechat-oauth'
import { wechatJson } from './wechat'

/**
 * The official account (公众号) behind the H5 pages: web authorization (developers.weixin.qq.com,
 * 公众号 → 网页开发 → 网页授权). `connect/oauth2/authorize` with scope snsapi_base is silent: WeChat
 * redirects straight back to `redirect_uri?code=CODE&state=STATE`; `sns/oauth2/access_token`
 * (appid, secret, code, grant_type=authorization_code) answers the openid. A code is single-use and
 * lives five minutes, so it is exchanged as soon as the page comes back.
 */
export interface OfficialAccountSettings {
  appId: string
  appSecret: string
}

export function officialAccountSettings(env = process.env): OfficialAccountSettings {
  const read = (name: string) => {
    const value = env[name]
    if (!value) throw new Error(`environment variable ${name} is not set`)
    return value
  }
  return { appId: read('WECHAT_OA_APP_ID'), appSecret: read('WECHAT_OA_APP_SECRET') }
}

const AUTHORIZE = 'https://open.weixin.qq.com/connect/oauth2/authorize'

/** WeChat checks the authorize link strictly, parameter order included: appid, redirect_uri, response_type, scope, state. */
function authorizeQuery(appId: string, redirectUri: string, state: string): string {
  return new URLSearchParams([
    ['appid', appId],
    ['redirect_uri', redirectUri],
    ['response_type', 'code'],
    ['scope', 'snsapi_base'],
    ['state', state],
  ]).toString()
}

export function wechatWebAuthorization(
  settings: () => OfficialAccountSettings = () => officialAccountSettings(),
  fetchImpl: typeof fetch = fetch,
): WebAuthorization {
  return {
    authorizeUrl: (redirectUri, state) => `${AUTHORIZE}?${authorizeQuery(settings().appId, redirectUri, state)}#wechat_redirect`,
    async openidForCode(code) {
      const { appId, appSecret } = settings()
      const query = new URLSearchParams({ appid: appId, secret: appSecret, code, grant_type: 'authorization_code' })
      const answer = await wechatJson<{ openid?: string; is_snapshotuser?: number }>(fetchImpl, `/sns/oauth2/access_token?${query}`)
      // 40029 (invalid code), 40163 (code used)…: no identity. A 快照页 visitor's openid is a virtual one, never a member's WeChat.
      if (!answer.openid || answer.is_snapshotuser === 1) return null
      return answer.openid
    },
  }
}

/** Where the local web server answers in WeChat's place (functions/local/wechat-pages.ts). */
export const LOCAL_AUTHORIZE_PATH = '/dev/wechat-oauth/authorize'
export const LOCAL_OA_CODE_PREFIX = 'local-oa:'

/** The official-account openid the local simulation gives a local WeChat user: stable, and not their mini-program openid. */
export function localOfficialAccountOpenid(user: string): string {
  return `local-oa-${createHash('sha256').update(`official-account:${user}`).digest('base64url').slice(0, 22)}`
}

/**
 * Local web authorization: the authorize page is the local web server's labelled simulation on the
 * page's own origin, which comes back with a `local-oa:<user>` code; the exchange maps it to a
 * stable openid per local user and refuses anything else.
 */
export const localWebAuthorization: WebAuthorization = {
  authorizeUrl: (redirectUri, state) => `${new URL(LOCAL_AUTHORIZE_PATH, redirectUri)}?${authorizeQuery('local-official-account', redirectUri, state)}`,
  async openidForCode(code) {
    if (!code.startsWith(LOCAL_OA_CODE_PREFIX)) return null
    const user = code.slice(LOCAL_OA_CODE_PREFIX.length)
    return /^[\w-]{1,64}$/.test(user) ? localOfficialAccountOpenid(user) : null
  },
}

let real: WebAuthorization | undefined

/** The real web authorization in a deployment; locally the simulation. */
export function webAuthorization(): WebAuthorization {
  if (config.localProviders) return localWebAuthorization
  real ??= wechatWebAuthorization()
  return real
}

/**
 * What the member scans to follow the official account (seed 003, 1-1): the URL inside the QR code
 * the official account's console gives (`http://weixin.qq.com/r/…`); locally the web server's
 * labelled stand-in page.
 */
export function officialAccountFollowUrl(env = process.env): string {
  const url = env.WECHAT_OA_FOLLOW_URL
  if (!url) throw new Error('environment variable WECHAT_OA_FOLLOW_URL is not set')
  return url
}
