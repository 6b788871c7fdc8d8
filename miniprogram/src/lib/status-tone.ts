/**
 * The one colour map for states, on every screen: a tone says what a state asks of the reader, and
 * every status tag, notice and result line takes its colour from here (components/StatusTag).
 * Keys are the states as the screens receive them: codes, and the labels some answers carry.
 */
export type Tone = 'default' | 'primary' | 'success' | 'warning' | 'danger'

const TONES = {
  // Nothing asked of anyone yet.
  draft: 'default',
  queued: 'default',
  // A personal-data export whose download window has passed: nothing left to do.
  expired: 'default',
  未开始: 'default',
  未解锁: 'default',
  // In hand: the association (or the system) has it, the member only waits. Not an error.
  pending: 'primary',
  resubmitted: 'primary',
  running: 'primary',
  building: 'primary',
  学习中: 'primary',
  审核中: 'primary',
  待确认: 'primary',
  // Done and good.
  passed: 'success',
  approved: 'success',
  done: 'success',
  ready: 'success',
  downloaded: 'success',
  已通过: 'success',
  已确认: 'success',
  免会费: 'success',
  已完成: 'success',
  paid: 'success',
  正常: 'success',
  // The member has something to do.
  returned: 'warning',
  已退回: 'warning',
  去支付: 'warning',
  待评价: 'warning',
  unpaid: 'warning',
  // A final no, or something broke.
  revoked: 'danger',
  rejected: 'danger',
  failed: 'danger',
  已撤销: 'danger',
} as const satisfies Record<string, Tone>

/**
 * The tone of why a member may not apply: an application in hand or decided is news in its own
 * tone (本年度申请正在审核中 is no error); anything else stops the member.
 */
export const blockerTone = (applicationStatus: string | undefined): Tone =>
  applicationStatus === 'pending' || applicationStatus === 'passed' ? toneOf(applicationStatus) : 'danger'

/** A state not in the map (say a member status other than 正常) reads as one needing attention. */
export const toneOf = (state: string): Tone => (TONES as Record<string, Tone>)[state] ?? 'warning'
