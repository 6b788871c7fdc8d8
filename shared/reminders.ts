import { type InspectionWindow, windowState } from './calendar'
import { startOfChinaDate } from './china-time'
import type { FeeStatus } from './fee'

/**
 * Daily reminders before a 年检 window closes (issue 20): on the days its association's window has
 * 14, 7 or 1 days left, a member who has not applied hears why applying waits — the deadline
 * itself, hours still short, the fee still 去支付. Pure: the job passes today's China date.
 */
export const REMINDER_LEAD_DAYS = [14, 7, 1] as const

export const REMINDER_REASONS = ['window', 'hours', 'fee'] as const
export type ReminderReason = (typeof REMINDER_REASONS)[number]

const DAY_MS = 86_400_000

/** Whole calendar days from `from` to `to` (YYYY-MM-DD, China dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfChinaDate(to).getTime() - startOfChinaDate(from).getTime()) / DAY_MS)
}

/** The China date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(startOfChinaDate(date).getTime() + days * DAY_MS + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Days left in an open window when today is a reminder day (the closing day itself counts as a day to apply), else null. */
export function reminderDay(window: InspectionWindow, today: string): number | null {
  if (windowState(window, startOfChinaDate(today)) !== 'open') return null
  const left = daysBetween(today, window.closesOn)
  return (REMINDER_LEAD_DAYS as readonly number[]).includes(left) ? left : null
}

/** What the job knows of one member of the association for the 年检年度. */
export interface ReminderStanding {
  /** Submitted (pending or decided): a returned or revoked item must be submitted again, so it does not count. */
  applied: boolean
  /** The member's first 年检年度 is after this one (the year of joining is not inspected). */
  notDue: boolean
  hoursMissing: number
  feeStatus: FeeStatus
}

/** Why a member is reminded today, the deadline first; empty when nothing is owed. */
export function reminderReasons(standing: ReminderStanding): ReminderReason[] {
  if (standing.applied || standing.notDue) return []
  return ['window' as const, ...(standing.hoursMissing > 0 ? (['hours'] as const) : []), ...(standing.feeStatus === '去支付' ? (['fee'] as const) : [])]
}

const hoursText = (hours: number) => `${Number.isInteger(hours) ? hours : hours.toFixed(2)}学时`

/** One sentence per reason, as the in-app message words them. */
export function reminderSentences(reasons: readonly ReminderReason[], facts: { year: number; closesOn: string; daysLeft: number; hoursMissing: number }) {
  const sentences: Record<ReminderReason, string> = {
    window: `您尚未提交${facts.year}年度年检申请，申请将于${facts.closesOn}截止（还剩${facts.daysLeft}天）`,
    hours: `${facts.year}年度继续教育学时尚差${hoursText(facts.hoursMissing)}`,
    fee: `${facts.year}年度会费尚未缴纳，请先完成缴费`,
  }
  return reasons.map((reason) => sentences[reason])
}

/** The short form for a subscription message's 20-character field: what is still owed. */
export function reminderNote(reasons: readonly ReminderReason[], hoursMissing: number): string {
  const owed = [...(reasons.includes('hours') ? [`学时差${hoursText(hoursMissing)}`] : []), ...(reasons.includes('fee') ? ['会费未缴'] : [])]
  return owed.length ? owed.join('，') : '请尽快提交年检申请'
}
