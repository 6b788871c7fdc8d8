import type { Clock } from '../ports/clock'

const systemClock: Clock = { now: () => new Date() }

let current: Clock = systemClock

/** The one clock the handlers read: the system's, unless a test or local run set another. */
export const clock: Clock = { now: () => current.now() }

/** Local runs and tests only: makes every handler in this process read `next`. */
export function useClock(next: Clock): void {
  current = next
}

/** A clock that reads `start` now and runs on from it at the system's pace. */
export function clockStartingAt(start: Date): Clock {
  const offsetMs = start.getTime() - Date.now()
  return { now: () => new Date(Date.now() + offsetMs) }
}
