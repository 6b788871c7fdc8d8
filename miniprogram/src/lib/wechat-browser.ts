/**
 * The H5 build opened in WeChat's own browser (the official account's menu, a shared link), where
 * the JS-SDK (`wx.config`, then `wx.scanQRCode`, `wx.chooseWXPay`…) and web authorization work.
 * A module of its own: the app shell asks it at launch, and must not pull in what the JS-SDK needs
 * (the API client, the contract) before the first page has been drawn.
 */
export function insideWechatBrowser(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && navigator.userAgent.includes('MicroMessenger')
}
