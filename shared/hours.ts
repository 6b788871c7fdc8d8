import { type ExemptionPeriod, unionExemptionHours } from './education'

/**
 * Continuing-education hours as the annual inspection counts them (seed 003: 累计应完成学时 /
 * 累计已完成学时; seed 004: exemptions reduce the year's required hours). One rule for every
 * source, so the continuing-education records feed the inspection check without a second copy.
 */
export const HOURS_SOURCES = ['online', 'output', 'exemption'] as const
export type HoursSource = (typeof HOURS_SOURCES)[number]
export const HOURS_SOURCE_LABELS: Record<HoursSource, string> = { online: '在线学习', output: '产出式学时', exemption: '减免学时' }

export const REQUIRED_HOURS_PER_YEAR = 40

export interface HoursRecord {
  year: number
  source: HoursSource
  hours: number
  /** An approved exemption's period: the year's reduction is taken from these, not from `hours`. */
  period?: ExemptionPeriod
}

export interface HoursStanding {
  required: number
  done: number
  /** How many more hours the member must complete before applying (0 when met). */
  missing: number
}

const sum = (records: readonly HoursRecord[]) => records.reduce((total, record) => total + record.hours, 0)

/**
 * How far a year's exemptions lower its requirement: from the union of the approved periods, so
 * exemptions that overlap never count a month twice. Rows without a period (hours given as a
 * number, as the demo data does) add their hours; the requirement is the most that can go.
 */
export function exemptedInYear(records: readonly HoursRecord[], year: number, requiredPerYear = REQUIRED_HOURS_PER_YEAR): number {
  const exemptions = records.filter((record) => record.year === year && record.source === 'exemption')
  const periods = exemptions.flatMap((record) => (record.period ? [record.period] : []))
  const withoutPeriod = sum(exemptions.filter((record) => !record.period))
  return Math.min(requiredPerYear, unionExemptionHours(periods, year, requiredPerYear) + withoutPeriod)
}

export function hoursStanding(records: readonly HoursRecord[], year: number, requiredPerYear = REQUIRED_HOURS_PER_YEAR): HoursStanding {
  const ofYear = records.filter((record) => record.year === year)
  const required = requiredPerYear - exemptedInYear(ofYear, year, requiredPerYear)
  const done = sum(ofYear.filter((record) => record.source !== 'exemption'))
  return { required, done, missing: Math.max(0, required - done) }
}

/**
 * The years one 年检 answers for (seed 003: 累计应完成学时 / 累计已完成学时): every year after the
 * last passed inspection up to the 年检年度. A passed deferral postpones a year, it does not pass
 * it, so that year is still owed. A member who has never passed one owes every year after the
 * year they joined in: the year of joining itself is not inspected.
 */
export function owedYears(input: { inspectionYear: number; lastInspectionYear: number | null; joinYear: number }): number[] {
  const first = (input.lastInspectionYear ?? input.joinYear) + 1
  const years: number[] = []
  for (let year = first; year <= input.inspectionYear; year++) years.push(year)
  return years
}

/**
 * 累计 figures over the owed years: each year's requirement (lowered by that year's exemptions)
 * and each year's hours, added up. Hours beyond one year's requirement count towards another's,
 * as the seed's cumulative figures (40.00 owed, 80.00 done) read.
 */
export function cumulativeStanding(records: readonly HoursRecord[], years: readonly number[], requiredPerYear = REQUIRED_HOURS_PER_YEAR): HoursStanding {
  let required = 0
  let done = 0
  for (const year of years) {
    const standing = hoursStanding(records, year, requiredPerYear)
    required += standing.required
    done += standing.done
  }
  return { required, done, missing: Math.max(0, required - done) }
}
