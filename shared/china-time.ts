/**
 * Dates as members, staff and WeChat Pay read them: China time (UTC+8, no daylight saving), on
 * Lambda (which runs in UTC) as on a phone. Every function takes "now" from the caller's clock.
 */
const CHINA_OFFSET_MS = 8 * 3600_000

const shifted = (instant: Date) => new Date(instant.getTime() + CHINA_OFFSET_MS)

export function chinaYear(now: Date): number {
  return shifted(now).getUTCFullYear()
}

/** YYYY-MM-DD */
export function chinaDate(now: Date): string {
  return shifted(now).toISOString().slice(0, 10)
}

/** RFC 3339 with the +08:00 offset (e.g. WeChat Pay's time_expire). */
export function chinaDateTime(now: Date): string {
  return `${shifted(now).toISOString().slice(0, 19)}+08:00`
}

/** The instant a China-time calendar date (YYYY-MM-DD) begins. */
export function startOfChinaDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`))
}

/**
 * The one way a time is shown to people, whatever the phone's or server's time zone:
 * "2026-11-30 16:25". Stored times are ISO strings (UTC); anything unparsable shows as "—".
 */
export function formatChinaTime(iso: string | null | undefined): string {
  const instant = iso ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(instant)) return '—'
  return shifted(new Date(instant)).toISOString().slice(0, 16).replace('T', ' ')
}

/** The China-time date of a stored time: "2026-11-30". */
export function formatChinaDate(iso: string | null | undefined): string {
  return formatChinaTime(iso).slice(0, 10)
}
