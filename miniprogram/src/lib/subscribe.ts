import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import type { RouteResponse } from '@shared/api/contract'
import { SUBSCRIBE_RESULTS, type SubscribeResult, type SubscriptionTemplate } from '@shared/api/subscription-schemas'
import { call } from '../api/client'
import { wechatIdentityAvailable } from './wechat'

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
  const { confirm } = await Taro.showModal({
    title: '本地模拟：微信订阅消息',
    content: `“中注协会员服务”申请向你发送以下消息：${templates.map((template) => `“${template.title}”`).join('、')}。（真机上由微信弹出此询问，每次允许可收到一条消息）`,
    confirmText: '允许',
    cancelText: '取消',
  })
  return Object.fromEntries(templates.map((template) => [template.id, confirm ? 'accept' : 'reject']))
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
    const all = loaded ?? (await loadSubscriptionTemplates())
    const templates = all.filter((template) => keys.includes(template.key))
    if (templates.length === 0) return
    let results: Record<string, SubscribeResult>
    if (process.env.TARO_ENV === 'weapp') {
      // Taro's Option type also demands Alipay's entityIds; WeChat reads tmplIds alone.
      const option = { tmplIds: templates.map((template) => template.id) } as Taro.requestSubscribeMessage.Option
      const answer: Record<string, unknown> = { ...(await Taro.requestSubscribeMessage(option)) }
      results = Object.fromEntries(
        templates.flatMap((template) => {
          const result = answer[template.id]
          return typeof result === 'string' && (SUBSCRIBE_RESULTS as readonly string[]).includes(result) ? [[template.id, result as SubscribeResult]] : []
        }),
      )
    } else if (await wechatIdentityAvailable()) {
      results = await simulatedPrompt(templates)
    } else {
      return
    }
    if (Object.keys(results).length > 0) await call('subscribe', { body: { results } })
  } catch (error) {
    // Declining the prompt (or WeChat refusing to show it) must not stop the submission.
    console.warn('subscription prompt', error)
  }
}
