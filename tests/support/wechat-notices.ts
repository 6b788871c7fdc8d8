import type { MemberRecord } from '../../functions/ports/accounts'
import type { SubscriptionMessage, WechatMessenger } from '../../functions/ports/messaging'
import type { BusinessEvent, EventDetails } from '../../functions/ports/operations-log'
import type { WechatBinding } from '../../functions/ports/reset'
import type { SubscriptionCredits, WechatNotices } from '../../functions/ports/subscriptions'
import type { SubscriptionTemplate } from '../../shared/api/subscription-schemas'

/**
 * WechatNotices in memory, for use-case tests: credits counted per subject and template the way
 * the table does (a take needs one left), bindings by account, and every message sent or refused.
 */
export function memoryNotices(options: { failSends?: boolean } = {}) {
  const counts = new Map<string, number>()
  const key = (subject: string, template: SubscriptionTemplate) => `${subject}|${template}`
  const credits: SubscriptionCredits = {
    credits: async (subject, template) => counts.get(key(subject, template)) ?? 0,
    grant: async (subject, template) => {
      const next = (counts.get(key(subject, template)) ?? 0) + 1
      counts.set(key(subject, template), next)
      return next
    },
    clear: async (subject, template) => {
      counts.set(key(subject, template), 0)
    },
    take: async (subject, template) => {
      const left = counts.get(key(subject, template)) ?? 0
      if (left < 1) return false
      counts.set(key(subject, template), left - 1)
      return true
    },
  }
  const sent: { openid: string; message: SubscriptionMessage }[] = []
  const events: { event: BusinessEvent; details: EventDetails }[] = []
  const wechat: WechatMessenger = {
    templateIds: () => ({ code: 'TPL-CODE', decision: 'TPL-DECISION', reminder: 'TPL-REMINDER' }),
    send: async (openid, message) => {
      if (options.failSends) throw new Error('WeChat subscribe/send failed: 43101 user refuse to accept the msg')
      sent.push({ openid, message })
    },
  }
  const bindings = new Map<string, WechatBinding>()
  const members = new Map<string, MemberRecord>()
  const notices: WechatNotices = {
    members: { getMember: async (memberNo) => members.get(memberNo) },
    bindings: { byAccount: async (accountId) => bindings.get(accountId) },
    credits,
    wechat,
    log: { businessEvent: (event, details) => events.push({ event, details }) },
  }
  return {
    notices,
    sent,
    events,
    /** A non-practising member bound to `openid`. */
    bind(memberNo: string, openid: string) {
      members.set(memberNo, { memberNo, userType: 'non_practising' } as MemberRecord)
      bindings.set(`non_practising#${memberNo}`, { accountId: `non_practising#${memberNo}`, openid, boundAt: '2026-01-01T00:00:00Z' })
    },
  }
}
