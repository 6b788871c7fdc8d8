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

/** The web-authorization state handed to a signed-in member (one at a time: a new one replaces it). */
export interface MemberAuthorizationStates {
  issue(accountId: string, state: { hash: string; expiresAt: number }): Promise<void>
  held(accountId: string): Promise<{ hash: string; expiresAt: number } | undefined>
  /** Uses the state up, conditional on its hash and on `now` (epoch seconds) being before it expires; false otherwise. */
  consume(accountId: string, state: { stateHash: string; now: number }): Promise<boolean>
}
