/**
 * Where the backend reads the time. Dates decide this domain (年检年度, windows, code expiry), so
 * every rule takes its "now" from here and a test or local run can say which day it is.
 */
export interface Clock {
  now(): Date
}
