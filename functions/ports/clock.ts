/**
 * Where the backend reads the time. Dates decide this domain (年检年度, windows, code expiry), so
 * every rule takes its "now" from here and a test or local run can say which day it is.
 */
export interface Clock {
  now(): Date
}

/** DynamoDB TTLs and token expiries count whole seconds since the epoch. */
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000)
