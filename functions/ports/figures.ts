/**
 * An association's 年检 figures of one year, as counters kept in the writes that change what they
 * count: nothing here is computed by reading the members' items.
 */
export interface FigureCounts {
  /** Non-practising members of the association (not per year). */
  members: number
  /** Members whose inspection or deferral of the year was submitted (counted once, at the first submission). */
  applied: number
  /** Inspections passed. */
  passed: number
  /** Inspections or deferrals currently returned to the member. */
  returned: number
  /** Deferrals approved. */
  deferred: number
  /** Fees that no longer stand in the way of applying: 已确认 (online or offline) or 免会费. */
  feePaid: number
  /** Members whose credited hours of the year meet its requirement. */
  hoursMet: number
}

export interface Figures {
  /** The counters of each association for one year, in the order asked (zeros where nothing was counted). */
  read(associationCodes: readonly string[], year: number): Promise<FigureCounts[]>
}
