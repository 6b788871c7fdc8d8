import Taro from '@tarojs/taro'
import type { SessionResponse, SessionUser } from '@shared/api/schemas'
import { SESSION_STORAGE_KEY as KEY } from './session-key'

export interface StoredSession {
  accessToken: string
  refreshToken: string
  user: SessionUser
}

export function readSession(): StoredSession | null {
  const stored = Taro.getStorageSync(KEY) as StoredSession | '' | undefined
  return stored ? stored : null
}

export function saveSession(session: SessionResponse): StoredSession {
  const stored = { accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user }
  Taro.setStorageSync(KEY, stored)
  return stored
}

export function clearSession() {
  Taro.removeStorageSync(KEY)
}

export const PAGES = {
  login: '/pages/login/index',
  memberHome: '/pages/home/index',
  mine: '/pages/mine/index',
  changePassword: '/pages/password/index',
  contacts: '/pages/contacts/index',
  staffInbox: '/subpackages/staff/inbox/index',
  inspectionQr: '/subpackages/credential/qr/index',
  memberCard: '/subpackages/credential/card/index',
  goodStanding: '/subpackages/credential/good-standing/index',
  resetPassword: '/subpackages/reset/index/index',
  admissionNotice: '/subpackages/admission/notice/index',
  admissionProgress: '/subpackages/admission/progress/index',
  memberNoLookup: '/subpackages/admission/lookup/index',
  privacyGuide: '/subpackages/privacy/guide/index',
  personalExport: '/subpackages/privacy/export/index',
} as const

/** Where a signed-in user starts: members on the member home, staff in the approval inbox. */
export function homePageFor(user: SessionUser): string {
  if (user.mustChangePassword) return `${PAGES.changePassword}?forced=1`
  return user.role === 'member' ? PAGES.memberHome : PAGES.staffInbox
}
