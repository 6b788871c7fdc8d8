/**
 * Continuing-education hours as the annual inspection counts them (seed 003: 累计应完成学时 /
 * 累计已完成学时; seed 004: exemptions reduce the year's required hours). One rule for every
 * source, so the continuing-education records feed the inspection check without a second copy.
 */
export const HOURS_SOURCES = ['online', 'output', 'exemption'] as const
export type HoursSource = (typeof HOURS_SOURCES)[number]

export const REQUIRED_HOURS_PER_YEAR = 40

export interface HoursRecord {
  year: number
  source: HoursSource
  hours: number
}

export interface HoursStanding {
  required: number
  done: number
  /** How many more hours the member must complete before applying (0 when met). */
  missing: number
}

const sum = (records: readonly HoursRecord[]) => records.reduce((total, record) => total + record.hours, 0)

export function hoursStanding(records: readonly HoursRecord[], year: number, requiredPerYear = REQUIRED_HOURS_PER_YEAR): HoursStanding {
  const ofYear = records.filter((record) => record.year === year)
  const exempted = sum(ofYear.filter((record) => record.source === 'exemption'))
  const required = Math.max(0, requiredPerYear - exempted)
  const done = sum(ofYear.filter((record) => record.source !== 'exemption'))
  return { required, done, missing: Math.max(0, required - done) }
}
