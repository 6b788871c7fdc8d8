import { chinaDate, chinaYear } from './china-time'

/**
 * The years that dates decide (seed 003, seed 004). Pure: the caller passes "now" from its clock.
 */

/**
 * 年检年度: the previous calendar year in China time. Seed 003 is dated 2022-09 and asks
 * "确认要申请2021年度年检吗"; its success text says "请明年按时参加年检".
 */
export function inspectionYearAt(now: Date): number {
  return chinaYear(now) - 1
}

/** The year of continuing education: hours earned count for the calendar year they are earned in. */
export function learningYearAt(now: Date): number {
  return chinaYear(now)
}

/**
 * When an association's members may apply for one 年检年度: calendar dates in China time, both
 * days included. Associations set their own (beside their notice); without one, the whole
 * following year.
 */
export interface InspectionWindow {
  opensOn: string
  closesOn: string
}

export function defaultInspectionWindow(inspectionYear: number): InspectionWindow {
  return { opensOn: `${inspectionYear + 1}-01-01`, closesOn: `${inspectionYear + 1}-12-31` }
}

export type WindowState = 'not_yet' | 'open' | 'closed'

export function windowState(window: InspectionWindow, now: Date): WindowState {
  const today = chinaDate(now)
  if (today < window.opensOn) return 'not_yet'
  return today > window.closesOn ? 'closed' : 'open'
}

/** What 年检申请 says outside the window, and what the API refuses with; null while it is open. */
export function windowBlocker(inspectionYear: number, window: InspectionWindow, now: Date): string | null {
  const state = windowState(window, now)
  if (state === 'not_yet') return `${inspectionYear}年度年检申请将于${window.opensOn}开始，届时再来申请`
  if (state === 'closed') return `${inspectionYear}年度年检申请已于${window.closesOn}截止，如需办理请联系所属地方注协`
  return null
}

/**
 * Which 年检年度 an association may set a window for: the one its members apply for now and the
 * next, so a window can be announced before the year it opens in.
 */
export function settableWindowYears(now: Date): number[] {
  const year = inspectionYearAt(now)
  return [year, year + 1]
}

/** A window's own rules, by field: it opens after the year it is for has ended and closes after it opens. */
export function windowProblems(inspectionYear: number, window: InspectionWindow): Partial<Record<keyof InspectionWindow, string>> {
  const earliest = `${inspectionYear + 1}-01-01`
  if (window.opensOn < earliest) return { opensOn: `${inspectionYear}年度年检最早于${earliest}开始` }
  if (window.closesOn < window.opensOn) return { closesOn: '截止日期不能早于开始日期' }
  return {}
}
