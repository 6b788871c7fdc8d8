/**
 * Messages the system sends to people (SMS codes, official-account messages) and, locally, the
 * captcha answers a test or developer needs. Real providers implement delivery over their HTTP APIs;
 * the local outbox keeps them where `GET /api/v1/dev/outbox` and the log can show them.
 */
export type OutboxChannel = 'captcha' | 'sms' | 'wechat'

export interface OutboxMessage {
  channel: OutboxChannel
  recipient: string
  body: string
  sentAt: string
}

export interface Outbox {
  deliver(message: Omit<OutboxMessage, 'sentAt'>): Promise<void>
  list(channel: OutboxChannel, recipient: string): Promise<OutboxMessage[]>
}
