import type { SubscriptionTemplate } from '../../shared/api/subscription-schemas'

/**
 * One-time codes and decisions leave the system through these ports: a text message to the phone on
 * file, or a subscription message to the member's bound WeChat. `npm start` and the tests use the
 * local outbox behind them.
 */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>
}

/** What a subscription message says; the adapter fits it to the template's fields and their length limits. */
export type SubscriptionMessage =
  | { template: 'code'; code: string }
  | {
      template: 'decision'
      /** 审核事项, e.g. "2026年度年检申请". */
      subject: string
      /** 审核结果: a few Chinese characters, e.g. 已通过. */
      result: string
      at: Date
      /** 备注: the reviewer's opinion. */
      note: string
      /** The mini-program page the message opens. */
      page: string
    }
  | {
      template: 'reminder'
      /** 待办事项, e.g. "2026年度年检申请". */
      subject: string
      /** 截止日期, a China date (YYYY-MM-DD). */
      deadline: string
      /** 温馨提示: what is still owed, e.g. "学时差12学时，会费未缴". */
      note: string
      page: string
    }

export interface WechatMessenger {
  /** The console's template id of each template this deployment sends. */
  templateIds(): Record<SubscriptionTemplate, string>
  send(openid: string, message: SubscriptionMessage): Promise<void>
}

/** WeChat's code2session: turns a `wx.login` code into the user's stable openid (null: code refused). */
export interface WechatIdentity {
  readonly isLocalFake: boolean
  openidForCode(code: string): Promise<string | null>
}

export interface Messaging {
  sms: SmsSender
  wechat: WechatMessenger
  identity: WechatIdentity
}
