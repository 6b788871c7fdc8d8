import { describe, expect } from 'vitest'
import { configuredEndpoints } from '../../functions/local/engines'
import { applicationFor, preparedApplicant, submitApplication } from '../support/admission-flow'
import type { SignedIn } from '../support/builders'
import { test } from '../support/fixtures'

/**
 * Load and races on loopback, bounded in count: 500 applications submitted concurrently, then 50
 * applications each approved twice at the same moment. Every submission must be stored exactly
 * once and every double approval must have one winner; the only errors allowed are the losers' 409.
 */
const SUBMISSIONS = 500
const DOUBLE_APPROVALS = 50
/**
 * The embedded engine serves one request at a time, and moto answers a GSI query (one per
 * submission) by scanning the table: 500 submissions at once queue past the local runner's 30 s
 * handler timeout (measured 16–24 s for the burst on an idle 2-core machine, more beside the rest
 * of the suite). With it at most 100 are in flight, each still racing 99 others, and all 500 must
 * still be stored exactly once; an engine the user configured takes all 500 at once.
 */
const IN_FLIGHT = configuredEndpoints.dynamo ? SUBMISSIONS : 100

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await work(items[index]!)
      }
    }),
  )
  return results
}

async function pendingAdmissionCount(staff: SignedIn): Promise<number> {
  return (await staff.ok('inbox')).categories.find((category) => category.kind === 'admission')!.pending
}

describe('load and races', () => {
  test(`stores each of ${SUBMISSIONS} concurrent submissions (${IN_FLIGHT} in flight) exactly once, then resolves ${DOUBLE_APPROVALS} double approvals to one winner each`, async ({
    stack,
    localStaff,
  }) => {
    const review = (businessNo: string) => localStaff.ok('admissionReview', { params: { businessNo } })
    const before = await pendingAdmissionCount(localStaff)
    const serials = Array.from({ length: SUBMISSIONS }, (_, i) => String(i).padStart(3, '0'))
    const prepared = await inBatches(serials, 16, () => preparedApplicant(stack.api))

    const answers = await inBatches(
      serials.map((serial, i) => ({ serial, i })),
      IN_FLIGHT,
      ({ serial, i }) => submitApplication(stack.api, { ...applicationFor(serial, { name: `孙悦${i}` }), ...prepared[i]! }),
    )
    const failures = answers.filter((answer) => answer.status !== 200)
    expect(failures.slice(0, 3)).toEqual([])
    const businessNos = answers.map((answer) => answer.body.businessNo as string)
    expect(new Set(businessNos).size).toBe(SUBMISSIONS)

    expect(await pendingAdmissionCount(localStaff)).toBe(before + SUBMISSIONS)

    const contested = businessNos.slice(0, DOUBLE_APPROVALS)
    const versions = await inBatches(contested, 16, async (businessNo) => (await review(businessNo)).version)
    const decide = (businessNo: string, version: number) =>
      localStaff.call('admissionDecide', { params: { businessNo }, body: { action: 'approve', opinion: '同意', version } })
    const outcomes = await Promise.all(contested.flatMap((businessNo, i) => [decide(businessNo, versions[i]!), decide(businessNo, versions[i]!)]))
    for (let i = 0; i < DOUBLE_APPROVALS; i++) {
      expect([outcomes[2 * i]!.status, outcomes[2 * i + 1]!.status].sort(), contested[i]).toEqual([200, 409])
    }
    expect(await pendingAdmissionCount(localStaff)).toBe(before + SUBMISSIONS - DOUBLE_APPROVALS)
    const approved = await inBatches(contested, 16, review)
    // One approval each: a lost update would have moved a version twice.
    expect(approved.map((application) => application.version)).toEqual(versions.map((version) => version + 1))
  }, 300_000)
})
