/**
 * The H5 page's side of the official account's web authorization (snsapi_base): the page leaves
 * for WeChat (or, locally, its simulation) and comes back as a fresh load; WeChat puts `code` and
 * `state` in the query, before the hash route.
 */

/**
 * WeChat's answer when the page has just come back from it (null otherwise); code and state leave
 * the address bar at once, so a reload cannot present them again.
 */
export function takeAuthorizationReturn(): { code: string | null; state: string | null } | null {
  const query = new URLSearchParams(window.location.search)
  const code = query.get('code')
  const state = query.get('state')
  if (!code && !state) return null
  query.delete('code')
  query.delete('state')
  const rest = query.toString()
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`)
  return { code, state }
}
