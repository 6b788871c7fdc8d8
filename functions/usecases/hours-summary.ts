import type { HoursReport } from '../../shared/api/hours-schemas'
import { roundHours } from '../../shared/education'
import { exemptedInYear, HOURS_SOURCE_LABELS, HOURS_SOURCES, hoursStanding } from '../../shared/hours'
import type { HoursRow } from '../ports/hours'

/**
 * A year's hours by source against its requirement: what 学时查询 shows, the 学时证明 prints and
 * its verification page reads back, so the three never disagree.
 */
export function yearHours(rows: readonly HoursRow[], year: number): Omit<HoursReport, 'records'> {
  const standing = hoursStanding(rows, year)
  // Exemptions count by the union of their months, not by adding up their rows.
  const exempted = exemptedInYear(rows, year)
  const total = (source: string) =>
    source === 'exemption' ? exempted : roundHours(rows.filter((row) => row.source === source).reduce((sum, row) => sum + row.hours, 0))
  return { year, ...standing, exempted, bySource: HOURS_SOURCES.map((source) => ({ source, label: HOURS_SOURCE_LABELS[source], hours: total(source) })) }
}

export const newestFirst = (rows: readonly HoursRow[]): HoursReport['records'] =>
  rows.map(({ id, source, title, detail, hours, at }) => ({ id, source, title, detail, hours, at })).sort((a, b) => b.at.localeCompare(a.at))
