import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { Role } from '@shared/roles'
import { homePageFor, PAGES, readSession, type StoredSession } from './session'

/**
 * Keeps a page to the users it is for: no session → login; initial password not yet changed →
 * the change-password page; wrong role → that user's own home.
 */
export function useRequiredSession(allowed: readonly Role[], options: { isPasswordChangePage?: boolean } = {}): StoredSession | null {
  const [session, setSession] = useState<StoredSession | null>(() => readSession())
  useDidShow(() => {
    const current = readSession()
    setSession(current)
    if (!current) void Taro.reLaunch({ url: PAGES.login })
    else if (current.user.mustChangePassword && !options.isPasswordChangePage) void Taro.reLaunch({ url: `${PAGES.changePassword}?forced=1` })
    else if (!allowed.includes(current.user.role)) void Taro.reLaunch({ url: homePageFor(current.user) })
  })
  return session
}
