import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { config } from '../config'
import type { JssdkConfig, JssdkSigner, SimulatedJssdkCheck } from '../ports/jssdk'
import { accessTokenCache, wechatJson, withAccessToken } from './wechat'
import { type Credential, type CredentialTiming, sharedCredential } from './wechat-credentials'
import { type OfficialAccountSettings, officialAccountSettings } from './wechat-oauth'

/**
 * The official account's JS-SDK (公众号 → 网页开发 → JS-SDK说明, 附录1 JS-SDK使用权限签名算法): a page
 * may call `wx.scanQRCode` once `wx.config` carries a signature over the page's own address made
 * with the account's jsapi_ticket (`cgi-bin/ticket/getticket?type=jsapi`, valid 7200 s, with a
 * small daily quota, so shared by all containers like the access_token it is fetched with). The page's domain must be
 * listed under the account's JS接口安全域名.
 */
export const JSSDK_SCRIPT_URL = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js'

/** sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`: names in ASCII order, values as they are (no URL escaping). */
export function jssdkSignature(fields: { jsapi_ticket: string; noncestr: string; timestamp: number; url: string }): string {
  const string1 = Object.entries(fields)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
  return createHash('sha1').update(string1).digest('hex')
}

const newNonce = () => randomBytes(12).toString('base64url')

export function jsapiTicketCache(account: () => OfficialAccountSettings, fetchImpl: typeof fetch = fetch, timing?: CredentialTiming): Credential {
  const token = accessTokenCache(account, fetchImpl, timing)
  return sharedCredential(
    'jsapi_ticket',
    () => account().appId,
    async () => {
      const answer = await withAccessToken(token, (accessToken) =>
        wechatJson<{ ticket?: string; expires_in?: number }>(fetchImpl, `/cgi-bin/ticket/getticket?access_token=${encodeURIComponent(accessToken)}&type=jsapi`),
      )
      if (!answer.ticket) throw new Error(`WeChat getticket failed: ${answer.errcode} ${answer.errmsg}`)
      return { value: answer.ticket, expiresIn: answer.expires_in }
    },
    timing,
  )
}

function signerWith(appId: () => string, ticket: () => Promise<string>, scriptUrl: string): JssdkSigner {
  return {
    scriptUrl,
    async configFor(url, timestamp) {
      const nonceStr = newNonce()
      return { appId: appId(), timestamp, nonceStr, signature: jssdkSignature({ jsapi_ticket: await ticket(), noncestr: nonceStr, timestamp, url }) }
    },
  }
}

export function wechatJssdk(account: () => OfficialAccountSettings = () => officialAccountSettings(), fetchImpl: typeof fetch = fetch): JssdkSigner {
  const ticket = jsapiTicketCache(account, fetchImpl)
  return signerWith(
    () => account().appId,
    () => ticket.get(),
    JSSDK_SCRIPT_URL,
  )
}

/**
 * Local runs: a ticket made up per process stands in for WeChat's, and the labelled simulated
 * JS-SDK the local web server serves (functions/local/jweixin-simulated.ts) asks the server to
 * check its `wx.config` against that ticket — the same signature code a deployed page depends on.
 */
const LOCAL_APP_ID = 'local-official-account'
const localTicket = `local-jsapi-ticket-${randomBytes(24).toString('base64url')}`
export const SIMULATED_JSSDK_PATH = '/dev/jweixin-simulated.js'

const localJssdk = signerWith(
  () => LOCAL_APP_ID,
  async () => localTicket,
  SIMULATED_JSSDK_PATH,
)

const localCheck: SimulatedJssdkCheck = {
  check(page: JssdkConfig & { url: string }) {
    if (page.appId !== LOCAL_APP_ID) return 'config:invalid appid'
    const expected = Buffer.from(jssdkSignature({ jsapi_ticket: localTicket, noncestr: page.nonceStr, timestamp: page.timestamp, url: page.url }))
    const given = Buffer.from(page.signature)
    return expected.length === given.length && timingSafeEqual(expected, given) ? 'config:ok' : 'config:invalid signature'
  },
}

let real: JssdkSigner | undefined

/** The official account's JS-SDK in a deployment (the ticket shared through the table, kept in each container); locally the simulation. */
export function jssdk(): { signer: JssdkSigner; simulation: SimulatedJssdkCheck | null } {
  if (config.localProviders) return { signer: localJssdk, simulation: localCheck }
  real ??= wechatJssdk()
  return { signer: real, simulation: null }
}
