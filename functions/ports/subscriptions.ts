import type { SubscriptionTemplate } from '../../shared/api/subscription-schemas'
import type { AccountStore } from './accounts'
import type { WechatMessenger } from './messaging'
import type { OperationsLog } from './operations-log'
import type { WechatBindings } from './reset'

/**
 * Send credits of one-time subscription messages: each acceptance of a template in the member's
 * WeChat allows one message of it, so the count per member and template mirrors what WeChat will
 * deliver.
 */
export interface SubscriptionCredits {
  credits(accountId: string, template: SubscriptionTemplate): Promise<number>
  /** One more credit (an acceptance); answers the new count. */
  grant(accountId: string, template: SubscriptionTemplate, at: string): Promise<number>
  /** No credit left (the template was banned for this member). */
  clear(accountId: string, template: SubscriptionTemplate, at: string): Promise<void>
  /** Uses one credit, conditional on one being left: false when there was none (or another send took the last). */
  take(accountId: string, template: SubscriptionTemplate, at: string): Promise<boolean>
}

/** Everything a decision needs to reach the member's WeChat beside the in-app message. */
export interface WechatNotices {
  members: Pick<AccountStore, 'getMember'>
  bindings: Pick<WechatBindings, 'byAccount'>
  credits: SubscriptionCredits
  wechat: WechatMessenger
  log: OperationsLog
}
