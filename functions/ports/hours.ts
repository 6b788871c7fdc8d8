import type { HoursRecord } from '../../shared/hours'

/** A credited-hours row as 学时查询 lists it. */
export interface HoursRow extends HoursRecord {
  id: string
  title: string
  detail: string
  at: string
}

/**
 * Credited hours, whatever earned them (evaluated online lessons, approved output-based hours,
 * approved exemptions, imports): the rows 学时查询 lists and the annual inspection counts.
 */
export interface HoursLedger {
  rowsOfYear(memberNo: string, year: number): Promise<HoursRow[]>
  /** The hours of several years at once, as the annual inspection sums them. */
  ofYears(memberNo: string, years: readonly number[]): Promise<HoursRecord[]>
}
