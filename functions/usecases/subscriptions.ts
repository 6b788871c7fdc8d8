import type { MemberMessage } from '../../shared/api/inspection-schemas'
import { SUBSCRIPTION_TEMPLATE_TITLES, SUBSCRIPTION_TEMPLATES, type SubscribeResult, type SubscriptionTemplate } from '../../shared/api/subscription-schemas'
import type { Caller } from '../auth/tokens'
import { accountIdOf } from '../ports/accounts'
import type { Clock } from '../ports/clock'
import type { SubscriptionMessage, WechatMessenger } from '../ports/messaging'
import type { CreditChange, SubscriptionCredits, WechatNotices } from '../ports/subscriptions'
import { AppError } from './errors'

export interface ConsentDeps {
  wechat: WechatMessenger
  credits: SubscriptionCredits
  clock: Clock
}

/** The templates the mini-program asks the member to accept, with the console's ids. */
export function subscriptionTemplates(wechat: WechatMessenger) {
  const ids = wechat.templateIds()
  return { templates: SUBSCRIPTION_TEMPLATES.map((key) => ({ key, id: ids[key], title: SUBSCRIPTION_TEMPLATE_TITLES[key] })) }
}

/**
 * What one answer of the prompt does to the member's credits: an acceptance allows one message;
 * a ban (WeChat blocked the template) means nothing more will be delivered; a refusal, or a
 * template WeChat filtered out, changes nothing (credits accepted earlier still stand).
 */
export function consentChange(result: SubscribeResult): 'grant' | 'clear' | 'none' {
  if (result === 'accept') return 'grant'
  if (result === 'ban') return 'clear'
  return 'none'
}

/**
 * The credit changes one prompt's answers make (template id → result); a template id this
 * deployment does not send is bad input.
 */
export function consentChanges(wechat: WechatMessenger, results: Record<string, SubscribeResult>): CreditChange[] {
  const ids = wechat.templateIds()
  const templateOf = new Map(SUBSCRIPTION_TEMPLATES.map((key) => [ids[key], key]))
  const answers = Object.entries(results).map(([id, result]) => ({ template: templateOf.get(id), change: consentChange(result) }))
  if (answers.some((answer) => !answer.template)) {
    throw new AppError('VALIDATION_FAILED', '订阅结果中含有未知的消息模板', { results: '订阅结果中含有未知的消息模板' })
  }
  return answers.flatMap(({ template, change }) => (change === 'none' ? [] : [{ template: template!, change }]))
}

/** Records what the member answered to `wx.requestSubscribeMessage` (template id → result). */
export async function recordConsent(deps: ConsentDeps, caller: Caller, results: Record<string, SubscribeResult>) {
  const changes = consentChanges(deps.wechat, results)
  const at = deps.clock.now().toISOString()
  for (const { template, change } of changes) {
    if (change === 'grant') await deps.credits.grant(caller.accountId, template, at)
    if (change === 'clear') await deps.credits.clear(caller.accountId, template, at)
  }
  const counts = await Promise.all(SUBSCRIPTION_TEMPLATES.map((key) => deps.credits.credits(caller.accountId, key)))
  return { credits: Object.fromEntries(SUBSCRIPTION_TEMPLATES.map((key, index) => [key, counts[index]!])) as Record<SubscriptionTemplate, number> }
}

type NoticeOutcome = 'sent' | 'unbound' | 'no-credit' | 'failed'

/**
 * A subscription message to `openid`, spending one credit of its template held by `subject`. Sent
 * after the decision it reports has committed, so it never undoes one: a failure is logged for
 * the operator, and the in-app message (or progress page) stays the user's record.
 */
export async function sendWithCredit(
  deps: Pick<WechatNotices, 'credits' | 'wechat' | 'log'>,
  subject: string,
  openid: string,
  message: SubscriptionMessage,
  at: string,
): Promise<NoticeOutcome> {
  if (!(await deps.credits.take(subject, message.template, at))) return 'no-credit'
  try {
    await deps.wechat.send(openid, message)
    return 'sent'
  } catch (error) {
    deps.log.businessEvent('delivery-failed', { purpose: message.template, channel: 'wechat', reason: (error as Error).message })
    return 'failed'
  }
}

/** A subscription message to an account's bound WeChat, spending one of the account's credits. */
export async function sendToAccount(deps: Omit<WechatNotices, 'members'>, accountId: string, message: SubscriptionMessage, at: string): Promise<NoticeOutcome> {
  const binding = await deps.bindings.byAccount(accountId)
  if (!binding) return 'unbound'
  return sendWithCredit(deps, accountId, binding.openid, message, at)
}

type DecisionNotice = Extract<SubscriptionMessage, { template: 'decision' }>

/** The WeChat twin of an in-app message: it opens that message (and through it what it is about). */
export function decisionNotice(message: MemberMessage, subject: string, result: string): DecisionNotice {
  return {
    template: 'decision',
    subject,
    result,
    at: new Date(message.at),
    note: message.opinion,
    page: `subpackages/inspection/message/index?id=${message.id}`,
  }
}

/** Tells a member about a decision in WeChat; never throws, whatever WeChat or the table answer. */
export async function notifyMember(deps: WechatNotices, memberNo: string, message: DecisionNotice) {
  try {
    const member = await deps.members.getMember(memberNo)
    if (!member) return 'unbound'
    return await sendToAccount(deps, accountIdOf(member.userType, memberNo), message, message.at.toISOString())
  } catch (error) {
    deps.log.businessEvent('delivery-failed', { purpose: message.template, channel: 'wechat', reason: (error as Error).message })
    return 'failed'
  }
}
