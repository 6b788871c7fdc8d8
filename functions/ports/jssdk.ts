/** `wx.config`'s parameters for one page: the official account's appId and the page's signature. */
export interface JssdkConfig {
  appId: string
  timestamp: number
  nonceStr: string
  signature: string
}

/**
 * The official account's JS-SDK permission: signs a page address with the jsapi_ticket, which only
 * the server may hold (附录1: "出于安全考虑，开发者必须在服务器端实现签名的逻辑").
 */
export interface JssdkSigner {
  /** Where the page loads the JS-SDK from (Tencent's script; locally the labelled simulation). */
  readonly scriptUrl: string
  configFor(url: string, timestamp: number): Promise<JssdkConfig>
}

/** The local simulation's stand-in for WeChat checking a page's `wx.config` (null in a deployment). */
export interface SimulatedJssdkCheck {
  check(page: JssdkConfig & { url: string }): string
}
