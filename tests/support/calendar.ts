import { inspectionYearAt, learningYearAt } from '../../shared/calendar'
import { chinaDate } from '../../shared/china-time'
import { clock, clockStartingAt, useClock } from '../../functions/adapters/clock'

/**
 * The day a test process runs on: noon, China time, of the machine's date (or `TEST_NOW`, an ISO
 * instant, to run the suite as of another day). Noon keeps a file's years from changing under it
 * when a run crosses midnight; the midnight edges themselves are tested by setting the clock.
 */
export function testDayStart(): Date {
  if (process.env.TEST_NOW) return new Date(process.env.TEST_NOW)
  return new Date(`${chinaDate(new Date())}T12:00:00+08:00`)
}

/** Runs the handlers of this process (and the demo seed) on the test day. Called once per test file. */
export function useTestDay(): void {
  useClock(clockStartingAt(testDayStart()))
}

/** The 年检年度 members apply for on the test day. */
export const inspectionYear = (): number => inspectionYearAt(clock.now())

/** The year of continuing education (the calendar year) on the test day. */
export const learningYear = (): number => learningYearAt(clock.now())

/** Moves this process's clock to `instant` (an ISO string with its offset) for one test. */
export function setClock(instant: string): void {
  useClock(clockStartingAt(new Date(instant)))
}
