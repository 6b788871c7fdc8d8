/**
 * 公众号网页授权 (OAuth2, scope snsapi_base): who is looking at an H5 page inside WeChat's browser,
 * as the official account's openid. The page is sent to `authorizeUrl`, WeChat sends it back to the
 * redirect URI with `code` and `state`, and the server alone turns the code into the openid.
 */
export interface WebAuthorization {
  /** WeChat's authorize page (or, locally, its labelled simulation) for this redirect and state. */
  authorizeUrl(redirectUri: string, state: string): string
  /** The official-account openid for a code WeChat handed the page; null when WeChat refuses it (used, expired, forged). */
  openidForCode(code: string): Promise<string | null>
}
