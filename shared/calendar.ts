import { chinaYear } from './china-time'

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
