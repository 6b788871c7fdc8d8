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
