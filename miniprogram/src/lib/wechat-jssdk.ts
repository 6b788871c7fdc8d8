import { call } from '../api/client'

/** The part of WeChat's JS-SDK (jweixin) this app calls. */
interface Jweixin {
  config(options: { debug: boolean; appId: string; timestamp: number; nonceStr: string; signature: string; jsApiList: string[] }): void
  ready(callback: () => void): void
  error(callback: (res: { errMsg: string }) => void): void
  scanQRCode(options: {
    needResult: 0 | 1
    scanType: ('qrCode' | 'barCode')[]
    success: (res: { resultStr: string }) => void
    cancel?: () => void
    fail: (res: { errMsg: string }) => void
  }): void
}

declare global {
  interface Window {
    wx?: Jweixin
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = src
    script.onload = () => resolve()
    script.onerror = () => reject(new Error('微信 JS-SDK 加载失败，请检查网络后重试'))
    document.head.appendChild(script)
  })
}

let configured: Promise<Jweixin> | null = null

/**
 * The JS-SDK, configured for this page: the server signs the page's address (without `#`, where
 * the H5 router keeps the screen, so one configuration serves every screen) with the official
 * account's jsapi_ticket, and loads the script it names (Tencent's jweixin; locally its labelled
 * simulation). A failed configuration is tried afresh next time.
 */
function configuredJssdk(): Promise<Jweixin> {
  configured ??= (async () => {
    const url = window.location.href.split('#')[0] ?? ''
    const config = await call('wechatJssdkConfig', { query: { url } })
    if (!window.wx) await loadScript(config.scriptUrl)
    const wx = window.wx
    if (!wx) throw new Error('微信 JS-SDK 加载失败，请检查网络后重试')
    await new Promise<void>((resolve, reject) => {
      wx.ready(resolve)
      wx.error((res) => reject(new Error(`微信扫一扫暂不可用（${res.errMsg}）`)))
      const { appId, timestamp, nonceStr, signature } = config
      wx.config({ debug: false, appId, timestamp, nonceStr, signature, jsApiList: ['scanQRCode'] })
    })
    return wx
  })().catch((error: unknown) => {
    configured = null
    throw error
  })
  return configured
}

/** WeChat's own scanner, for the H5 page opened in WeChat: what the code says, or null when closed. */
export async function scanWithJssdk(): Promise<string | null> {
  const wx = await configuredJssdk()
  return new Promise((resolve, reject) => {
    wx.scanQRCode({
      needResult: 1,
      scanType: ['qrCode'],
      success: (res) => resolve(res.resultStr),
      cancel: () => resolve(null),
      fail: (res) => (/cancel/.test(res.errMsg) ? resolve(null) : reject(new Error(`扫码失败（${res.errMsg}）`))),
    })
  })
}
