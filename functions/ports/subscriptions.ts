import type { SubscriptionTemplate } from '../../shared/api/subscription-schemas'
import type { AccountStore } from './accounts'
import type { WechatMessenger } from './messaging'
import type { OperationsLog } from './operations-log'
import type { WechatBindings } from './reset'

/**
 * Send credits of one-time subscription messages: each acceptance of a template in the user's
 * WeChat allows one message of it, so the count per subject and template mirrors what WeChat will
 * deliver. The subject is whoever the messages are about: a member's account id, or an admission
 * application (`applicationSubject`), whose applicant has no account yet.
 */
export interface SubscriptionCredits {
  credits(subject: string, template: SubscriptionTemplate): Promise<number>
  /** One more credit (an acceptance); answers the new count. */
  grant(subject: string, template: SubscriptionTemplate, at: string): Promise<number>
  /** No credit left (the template was banned for this user). */
  clear(subject: string, template: SubscriptionTemplate, at: string): Promise<void>
  /** Uses one credit, conditional on one being left: false when there was none (or another send took the last). */
  take(subject: string, template: SubscriptionTemplate, at: string): Promise<boolean>
}

/** The credit subject of an admission application; account ids (`<userType>#…`) never start so. */
export const applicationSubject = (businessNo: string) => `admission#${businessNo}`

/** What one answer of the subscription prompt does to a subject's credits of one template. */
export interface CreditChange {
  template: SubscriptionTemplate
  change: 'grant' | 'clear'
}

/** Everything a decision needs to reach the member's WeChat beside the in-app message. */
export interface WechatNotices {
  members: Pick<AccountStore, 'getMember'>
  bindings: Pick<WechatBindings, 'byAccount'>
  credits: SubscriptionCredits
  wechat: WechatMessenger
  log: OperationsLog
}
