import { deferred } from '../deferred'
import * as z from 'zod'
import { labelled } from '../validation'

/**
 * The mini-program's one-time subscription messages (订阅消息): one message may be sent per
 * acceptance of a template, so the member is asked each time they start something that ends in one.
 */
export const SUBSCRIPTION_TEMPLATES = ['code', 'decision', 'reminder'] as const
export type SubscriptionTemplate = (typeof SUBSCRIPTION_TEMPLATES)[number]

/** The template titles chosen in the MP console (功能 → 订阅消息), as WeChat's prompt lists them. */
export const SUBSCRIPTION_TEMPLATE_TITLES: Record<SubscriptionTemplate, string> = {
  code: '验证码通知',
  decision: '审核结果通知',
  reminder: '待办事项提醒',
}

/** What `wx.requestSubscribeMessage` answers per template id. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number]

export const SubscriptionTemplatesResponse = deferred(() =>
  z.object({
    templates: z.array(z.object({ key: z.enum(SUBSCRIPTION_TEMPLATES), id: z.string(), title: z.string() })),
  }),
)

/** wx.requestSubscribeMessage takes at most this many template ids in one call. */
export const MAX_TEMPLATES_PER_ASK = 3

export const SubscribeRequest = deferred(() =>
  z.object({
    results: labelled(
      z
        .record(z.string().min(1).max(128), z.enum(SUBSCRIBE_RESULTS))
        .refine(
          (results) => Object.keys(results).length >= 1 && Object.keys(results).length <= MAX_TEMPLATES_PER_ASK,
          `一次最多记录${MAX_TEMPLATES_PER_ASK}个订阅结果`,
        ),
      '订阅结果',
    ),
  }),
)

export const SubscribeResponse = deferred(() => z.object({ credits: z.record(z.enum(SUBSCRIPTION_TEMPLATES), z.number().int()) }))
