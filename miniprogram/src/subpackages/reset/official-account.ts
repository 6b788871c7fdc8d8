import type { Dispatch } from 'react'
import type { ResetStartResponse } from '@shared/api/reset-schemas'
import { ApiError, call } from '../../api/client'
import type { ResetAction, UserType } from './flow'

/**
 * The H5 page's side of the official account's web authorization: the page leaves for WeChat (or,
 * locally, its simulation) and comes back as a fresh load, so the verified flow waits in this tab's
 * sessionStorage meanwhile. WeChat puts `code` and `state` in the query, before the hash route.
 */
const SAVED_KEY = 'cicpa.resetAwaitingWechat'

export interface AwaitingReset {
  flow: ResetStartResponse
  userType: UserType
  memberNo: string
}

/** This page's address for WeChat to come back to (the origin is the 网页授权域名). */
export function authorizationReturnUri(): string {
  return `${window.location.origin}${window.location.pathname}#/subpackages/reset/index/index`
}

export function awaitAuthorization(awaiting: AwaitingReset) {
  window.sessionStorage.setItem(SAVED_KEY, JSON.stringify(awaiting))
}

/**
 * WeChat's answer when the page has just come back from it, with the flow that was waiting; the
 * code and state leave the address bar at once (a reload must not present them again).
 */
function takeAuthorizationReturn(): { code: string; state: string; awaiting: AwaitingReset } | null {
  const query = new URLSearchParams(window.location.search)
  const code = query.get('code')
  const state = query.get('state')
  const saved = window.sessionStorage.getItem(SAVED_KEY)
  if (!code && !state) return null
  query.delete('code')
  query.delete('state')
  const rest = query.toString()
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`)
  window.sessionStorage.removeItem(SAVED_KEY)
  return code && state && saved ? { code, state, awaiting: JSON.parse(saved) as AwaitingReset } : null
}

/** Back from WeChat's web authorization: the server checks the state and takes the code, then the password step goes on. */
export async function comeBackFromWechat(dispatch: Dispatch<ResetAction>) {
  const returned = takeAuthorizationReturn()
  if (!returned) return
  const { code, state, awaiting } = returned
  try {
    await call('resetWechatAuthorized', { body: { resetId: awaiting.flow.resetId, code, state } })
    dispatch({ type: 'returned', ...awaiting, officialAccount: 'authorized', message: '' })
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', '系统繁忙，请稍后再试')
    if (failure.fieldErrors.resetId) {
      dispatch({ type: 'restart', message: failure.message })
      return
    }
    dispatch({ type: 'returned', ...awaiting, officialAccount: 'failed', message: `${failure.message}（可继续重置密码，但不会绑定当前微信）` })
  }
}
