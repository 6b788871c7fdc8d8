import Taro from '@tarojs/taro'
import { call } from '../api/client'

const DEV_USER_KEY = 'cicpa.devWechatUser'

/**
 * The H5 build has no wx.login (Taro resolves it as "unsupported"). Where the server runs the local
 * code2session fake (local runs and tests only: `GET /api/v1/wechat/options`), H5 stands in with a
 * `local:<user>` code for a per-browser test user; a deployed server refuses such codes.
 */
function localDevUser(): string {
  const stored = Taro.getStorageSync(DEV_USER_KEY) as string | ''
  if (stored) return stored
  const created = `h5-${Math.random().toString(36).slice(2, 10)}`
  Taro.setStorageSync(DEV_USER_KEY, created)
  return created
}

let localFake: Promise<boolean> | null = null
function serverUsesLocalFake(): Promise<boolean> {
  localFake ??= call('wechatOptions')
    .then((options) => options.localFake)
    .catch(() => {
      localFake = null
      return false
    })
  return localFake
}

/** Whether this client can prove a WeChat identity: always in WeChat, on H5 only against a local server. */
export async function wechatIdentityAvailable(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') return true
  return serverUsesLocalFake()
}

/** A one-time WeChat login code for the server's code2session, or null where there is none. */
export async function wechatLoginCode(): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login()
    return code || null
  }
  return (await serverUsesLocalFake()) ? `local:${localDevUser()}` : null
}
