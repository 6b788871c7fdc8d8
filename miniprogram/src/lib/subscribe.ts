import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import type { RouteResponse } from '@shared/api/contract'
import { SUBSCRIBE_RESULTS, type SubscribeResult, type SubscriptionTemplate } from '@shared/api/subscription-schemas'
import { call } from '../api/client'
import { wechatIdentityAvailable, wechatLoginCode } from './wechat'
import { askToConfirm } from './dialog'

type Templates = RouteResponse<'subscriptionTemplates'>['templates']

let loaded: Templates | null = null
let loading: Promise<Templates> | null = null
/** Whether the member's account has a bound WeChat, as the page that asks found it when it opened. */
let bound: Promise<boolean> | null = null

/**
 * The templates the server sends, fetched ahead: WeChat shows its prompt only for a call made while
 * handling the member's tap, so `askToNotify` must not wait for the network first.
 */
function loadSubscriptionTemplates(): Promise<Templates> {
  loading ??= call('subscriptionTemplates')
    .then(({ templates }) => {
      loaded = templates
      return templates
    })
    .catch((error: unknown) => {
      loading = null
      throw error
    })
  return loading
}

/** Loads what `askToNotify` needs when a page that asks opens: the template ids and the member's binding. */
export function useSubscriptionPrompt() {
  useEffect(() => {
    loadSubscriptionTemplates().catch(() => undefined)
    bound = call('wechatBinding')
      .then((binding) => binding.bound)
      .catch(() => false)
  }, [])
}

/**
 * What WeChat's own prompt would ask, for H5 against the local server (where the server's WeChat is
 * the local simulation): the member answers 允许 or 取消 for all listed templates at once.
 */
async function simulatedPrompt(templates: Templates): Promise<Record<string, SubscribeResult>> {
  const { confirm } = await askToConfirm({
    title: '本地模拟：微信订阅消息',
    content: `“中注协会员服务”申请向你发送以下消息：${templates.map((template) => `“${template.title}”`).join('、')}。（真机上由微信弹出此询问，每次允许可收到一条消息）`,
    confirmText: '允许',
    cancelText: '取消',
  })
  return Object.fromEntries(templates.map((template) => [template.id, confirm ? 'accept' : 'reject']))
}

/**
 * Shows WeChat's prompt for `keys` (on H5 against the local server, the labelled simulation) and
 * answers what the user chose per template id; null where nothing can be asked.
 */
async function promptFor(keys: readonly SubscriptionTemplate[]): Promise<Record<string, SubscribeResult> | null> {
  const all = loaded ?? (await loadSubscriptionTemplates())
  const templates = all.filter((template) => keys.includes(template.key))
  if (templates.length === 0) return null
  if (process.env.TARO_ENV === 'weapp') {
    // Taro's Option type also demands Alipay's entityIds; WeChat reads tmplIds alone.
    const option = { tmplIds: templates.map((template) => template.id) } as Taro.requestSubscribeMessage.Option
    const answer: Record<string, unknown> = { ...(await Taro.requestSubscribeMessage(option)) }
    return Object.fromEntries(
      templates.flatMap((template) => {
        const result = answer[template.id]
        return typeof result === 'string' && (SUBSCRIBE_RESULTS as readonly string[]).includes(result) ? [[template.id, result as SubscribeResult]] : []
      }),
    )
  }
  return (await wechatIdentityAvailable()) ? simulatedPrompt(templates) : null
}

/**
 * Asks the member to let the outcome of what they are doing reach their WeChat (one message per
 * acceptance: 订阅消息 are one-time) and records the answer on the server. Call it first thing in a
 * tap handler. Messages go to the account's bound WeChat only, so a member without one is asked
 * when binding, not before. In the mini-program WeChat asks; on H5 a labelled simulation asks, and
 * only against the local server: a deployed H5 page has no subscription messages to offer. Never
 * throws: the member's action goes on whatever the answer.
 */
export async function askToNotify(keys: readonly SubscriptionTemplate[], options: { binding?: boolean } = {}): Promise<void> {
  try {
    if (!options.binding && !(await bound)) return
    const results = await promptFor(keys)
    if (results && Object.keys(results).length > 0) await call('subscribe', { body: { results } })
  } catch (error) {
    // Declining the prompt (or WeChat refusing to show it) must not stop the submission.
    console.warn('subscription prompt', error)
  }
}

/** Loads the template ids ahead for a page of someone without an account (an admission applicant). */
export function useApplicantSubscriptionPrompt() {
  useEffect(() => {
    loadSubscriptionTemplates().catch(() => undefined)
  }, [])
}

/**
 * For an applicant, who has no account to bind: asks for 审核结果通知 and answers what goes with
 * the (re)submission, the answer and a `wx.login` code the server turns into the openid the
 * decision is sent to. Call it first thing in the tap handler; undefined when nothing was asked
 * or answered. Never throws.
 */
export async function askApplicantToNotify(): Promise<{ code: string; results: Record<string, SubscribeResult> } | undefined> {
  try {
    const results = await promptFor(['decision'])
    if (!results || Object.keys(results).length === 0) return undefined
    const code = await wechatLoginCode()
    return code ? { code, results } : undefined
  } catch (error) {
    console.warn('subscription prompt', error)
    return undefined
  }
}
