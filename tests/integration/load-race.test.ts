import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configuredEndpoints } from '../../functions/local/engines'
import { DEMO_STAFF } from '../../functions/local/demo-data'
import { applicationFor, preparedApplicant, submitApplication } from '../support/admission-flow'
import { startTestStack } from '../support/stack'

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

let stack: Awaited<ReturnType<typeof startTestStack>>
let staffToken: string
beforeAll(async () => {
  stack = await startTestStack()
  const zjStaff = DEMO_STAFF[1]!
  staffToken = await stack.api.token(zjStaff.userType, zjStaff.username, zjStaff.password)
})
afterAll(() => stack?.stop())

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

async function pendingAdmissionCount(): Promise<number> {
  const { body } = await stack.api.request('GET', '/api/v1/staff/inbox', { token: staffToken })
  return body.categories.find((category: { kind: string }) => category.kind === 'admission').pending
}

async function stage(businessNo: string) {
  const { status, body } = await stack.api.request('GET', `/api/v1/admission/reviews/${businessNo}`, { token: staffToken })
  if (status !== 200) throw new Error(`review ${businessNo}: ${status}`)
  return body as { version: number; status: string }
}

describe('load and races', () => {
  it(`stores each of ${SUBMISSIONS} concurrent submissions (${IN_FLIGHT} in flight) exactly once, then resolves ${DOUBLE_APPROVALS} double approvals to one winner each`, async () => {
    const before = await pendingAdmissionCount()
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

    expect(await pendingAdmissionCount()).toBe(before + SUBMISSIONS)

    const contested = businessNos.slice(0, DOUBLE_APPROVALS)
    const versions = await inBatches(contested, 16, async (businessNo) => (await stage(businessNo)).version)
    const decide = (businessNo: string, version: number) =>
      stack.api.request('POST', `/api/v1/admission/reviews/${businessNo}/decision`, {
        token: staffToken,
        body: { action: 'approve', opinion: '同意', version },
      })
    const outcomes = await Promise.all(contested.flatMap((businessNo, i) => [decide(businessNo, versions[i]!), decide(businessNo, versions[i]!)]))
    for (let i = 0; i < DOUBLE_APPROVALS; i++) {
      expect([outcomes[2 * i]!.status, outcomes[2 * i + 1]!.status].sort(), contested[i]).toEqual([200, 409])
    }
    expect(await pendingAdmissionCount()).toBe(before + SUBMISSIONS - DOUBLE_APPROVALS)
    const approved = await inBatches(contested, 16, stage)
    // One approval each: a lost update would have moved a version twice.
    expect(approved.map((application) => application.version)).toEqual(versions.map((version) => version + 1))
  }, 300_000)
})
