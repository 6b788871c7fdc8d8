/**
 * What a creating request's `idempotency-key` found: nothing yet, the stored result of the same
 * request sent before, or another request that used the key (`mismatch`).
 */
export type IdempotentRead<T> = { found: 'none' } | { found: 'result'; result: T } | { found: 'mismatch' }

/** The key a creating request carries, and what identifies that request's content. */
export interface IdempotencyClaim {
  key: string
  fingerprint: string
}
