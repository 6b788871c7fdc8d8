import Taro from '@tarojs/taro'

/**
 * How long a toast stays, by what it carries, so that like messages last alike. A page that moves
 * on after its toast waits the same constant.
 */
export const TOAST_MS = {
  /** 登录成功: the home page replaces it at once. */
  flash: 1000,
  /** A success the page leaves from when it ends (密码已修改). */
  beforeLeaving: 1200,
  /** A short confirmation (验证码已发送); Taro's own default. */
  short: 1500,
  /** A result worth reading: the new member number, the hours recorded. */
  result: 2000,
  /** Why something failed or is locked. */
  reason: 2500,
} as const

/**
 * Taro.showToast for what the first screens carry (the api client, the login page). On H5 Taro's
 * toast comes with its modal and action sheet (46 KB unminified) that the login and verification
 * pages would load before they can draw (bench/first-screen.ts); there it loads with the first
 * toast. Settles once the toast shows; a toast whose code could not be fetched is left out rather
 * than failing what it reports. An if/else in a plain function, so that webpack drops the dead branch.
 */
export function showToast(options: Taro.showToast.Option): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    return import('./taro-toast').then(
      (taro) => void taro.showTaroToast(options),
      () => undefined,
    )
  } else {
    return Taro.showToast(options).then(() => undefined)
  }
}
