/**
 * Dates as members, staff and WeChat Pay read them: China time (UTC+8, no daylight saving), on
 * Lambda (which runs in UTC) as on a phone.
 */
const CHINA_OFFSET_MS = 8 * 3600_000

const shifted = (now: Date) => new Date(now.getTime() + CHINA_OFFSET_MS)

export function chinaYear(now = new Date()): number {
  return shifted(now).getUTCFullYear()
}

/** YYYY-MM-DD */
export function chinaDate(now = new Date()): string {
  return shifted(now).toISOString().slice(0, 10)
}

/** RFC 3339 with the +08:00 offset (e.g. WeChat Pay's time_expire). */
export function chinaDateTime(now = new Date()): string {
  return `${shifted(now).toISOString().slice(0, 19)}+08:00`
}
