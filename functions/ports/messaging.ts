/**
 * One-time codes leave the system through these ports: a text message to the phone on file, or a
 * message to the member's bound WeChat. `npm start` and the tests use the local outbox behind them.
 */
export interface SmsSender {
  sendCode(phone: string, code: string): Promise<void>
}

export interface WechatMessenger {
  sendCode(openid: string, code: string): Promise<void>
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
