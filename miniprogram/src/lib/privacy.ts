import Taro from '@tarojs/taro'
import { PRIVACY_CONSENT_KEY, PRIVACY_GUIDE_VERSION } from '@shared/privacy-guide'

/**
 * Agreement to 《用户隐私保护指引》 before anything personal is collected. In WeChat the platform
 * keeps the agreement (getPrivacySetting) and holds back every privacy API until it is given
 * (onNeedPrivacyAuthorization); the H5 build keeps it in storage with the guide's version and asks
 * before the same moments. Either way one question is open at a time, answered by the privacy
 * popup of the screen on top (components/PrivacyConsent).
 */

interface PrivacyAnswer {
  agreed: boolean
  /** The agree button WeChat saw tapped (open-type="agreePrivacyAuthorization"). */
  buttonId?: string
}

interface PrivacyState {
  /** null until known: WeChat answers getPrivacySetting asynchronously. */
  agreed: boolean | null
  /** Refused in this session: collecting stays disabled until the member agrees after all. */
  refused: boolean
  asking: boolean
}

const agreedInStorage = () => Taro.getStorageSync(PRIVACY_CONSENT_KEY) === PRIVACY_GUIDE_VERSION

// H5 knows at once, so a screen opened after agreement never shows its fields disabled even briefly.
let state: PrivacyState = { agreed: process.env.TARO_ENV === 'h5' && agreedInStorage() ? true : null, refused: false, asking: false }
let waiting: ((answer: PrivacyAnswer) => void)[] = []
const listeners = new Set<() => void>()
/** The mounted popups, the latest (the screen on top) last. */
const hosts: symbol[] = []

function set(changes: Partial<PrivacyState>) {
  state = { ...state, ...changes }
  for (const listener of listeners) listener()
}

export function subscribePrivacy(listener: () => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

export const privacyState = () => state

export const isTopPrivacyHost = (host: symbol) => hosts[hosts.length - 1] === host

export function addPrivacyHost(host: symbol) {
  hosts.push(host)
  // An open question moves to the screen that just came on top.
  set({})
  return () => {
    hosts.splice(hosts.indexOf(host), 1)
    set({})
  }
}

async function needsAgreement(): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') return !agreedInStorage()
  // Base libraries before 2.32.3 have no privacy check at all; when the query fails, WeChat still
  // holds the API back and asks through onNeedPrivacyAuthorization.
  if (typeof Taro.getPrivacySetting !== 'function') return false
  return new Promise((resolve) => Taro.getPrivacySetting({ success: ({ needAuthorization }) => resolve(needAuthorization), fail: () => resolve(false) }))
}

function ask(): Promise<PrivacyAnswer> {
  if (hosts.length === 0) {
    // A screen that collects without a popup to ask with is a bug; refusing keeps the data uncollected.
    console.error('隐私保护指引弹窗未挂载：本页面不能收集个人信息')
    return Promise.resolve({ agreed: false })
  }
  return new Promise((resolve) => {
    waiting.push(resolve)
    set({ asking: true })
  })
}

/** The popup's 同意 / 拒绝: remembered (H5), then every caller waiting on it continues. */
export function answerPrivacy(answer: PrivacyAnswer) {
  if (answer.agreed && process.env.TARO_ENV === 'h5') Taro.setStorageSync(PRIVACY_CONSENT_KEY, PRIVACY_GUIDE_VERSION)
  const answered = waiting
  waiting = []
  set({ asking: false, agreed: answer.agreed, refused: !answer.agreed })
  for (const resolve of answered) resolve(answer)
}

/** Whether the member has agreed, without asking (a screen deciding whether to ask at once). */
export async function checkPrivacyAgreement(): Promise<boolean> {
  if (state.agreed) return true
  const agreed = !(await needsAgreement())
  if (agreed) set({ agreed: true, refused: false })
  return agreed
}

/**
 * Before collecting (a screen that asks for ID numbers opening, a photo or file being chosen, a
 * scan): resolves true at once when the member agreed, otherwise once they answer the popup.
 */
export async function requirePrivacyAgreement(): Promise<boolean> {
  if (await checkPrivacyAgreement()) return true
  return (await ask()).agreed
}

/**
 * WeChat itself asks when a privacy API runs before agreement (a photo choice, saving to the album,
 * the clipboard): the same popup answers, and the pending API continues or fails with it.
 */
export function listenForPrivacyRequests() {
  if (process.env.TARO_ENV === 'h5' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    void ask().then(({ agreed, buttonId }) => resolve(agreed && buttonId ? { event: 'agree', buttonId } : { event: 'disagree' }))
  })
}
