import type { Dispatch } from 'react'
import type { ResetStartResponse } from '@shared/api/reset-schemas'
import { ApiError, call } from '../../api/client'
import { takeAuthorizationReturn } from '../../lib/web-authorization'
import type { ResetAction, UserType } from './flow'

/** The verified flow waits in this tab's sessionStorage while the page is away at WeChat's web authorization. */
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

/** Back from WeChat with the flow that was waiting (null when the page did not just come back, or nothing waited). */
function takeReturnedReset(): { code: string; state: string; awaiting: AwaitingReset } | null {
  const returned = takeAuthorizationReturn()
  if (!returned) return null
  const saved = window.sessionStorage.getItem(SAVED_KEY)
  window.sessionStorage.removeItem(SAVED_KEY)
  const { code, state } = returned
  return code && state && saved ? { code, state, awaiting: JSON.parse(saved) as AwaitingReset } : null
}

/** Back from WeChat's web authorization: the server checks the state and takes the code, then the password step goes on. */
export async function comeBackFromWechat(dispatch: Dispatch<ResetAction>) {
  const returned = takeReturnedReset()
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
