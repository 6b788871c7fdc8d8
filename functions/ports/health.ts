/** One look at each store the functions depend on: a description when reachable, a thrown error when not. */
export interface HealthProbes {
  table(): Promise<string>
  bucket(): Promise<string>
}
