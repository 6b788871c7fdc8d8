import { APPROVAL_KIND_LABELS, type ApprovalKind } from '../../shared/approvals'
import type { BatchPassRequest, BatchPassResponse, InboxFilter } from '../../shared/api/workbench-schemas'
import { INSPECTION_KIND_LABELS } from '../../shared/inspection'
import { canBatchPass, MAX_PAGE_SIZE } from '../../shared/workbench'
import type { Caller } from '../auth/tokens'
import type { Inbox } from '../ports/inbox'
import { applicationForStaff, recordAdmissionDecision, type AdmissionDeps } from './admission'
import { AppError, changedMeanwhile, notFound } from './errors'
import { foundApplication, recordGoodStandingDecision, type GoodStandingDeps } from './good-standing'
import { asStaff, checkedFilter, kindOfLevel, scopeOf, type StaffCaller } from './inbox'
import { recordDecision, visibleRecord, type InspectionDeps } from './inspection'
import { feeReview, recordFeeDecision, type FeeDeps } from './inspection-fee'

/** Everything the single-item decisions of the batch-passable kinds read and write. */
export type BatchPassDeps = { inbox: Inbox } & Pick<InspectionDeps, 'inspections' | 'notices' | 'clock' | 'accounts'> &
  Pick<FeeDeps, 'fees'> &
  Pick<AdmissionDeps, 'admissions'> & { wechat: Pick<AdmissionDeps['wechat'], 'credits' | 'wechat' | 'log'> } & Pick<GoodStandingDeps, 'applications'>

/**
 * Items decided at once. Each pass is three DynamoDB requests (read, conditional transaction, the
 * member's account for the WeChat notice); ten in flight hide the round trips, so on DynamoDB
 * (a few ms each) MAX_BATCH_PASS items take a few seconds, without a burst that would throttle.
 */
const CONCURRENT_PASSES = 10

/**
 * No item is started after this long (the staff function may run 29 s, API Gateway's limit):
 * those in flight finish, the rest are answered as not done rather than lost to a timeout. A slow
 * engine gets there: the local one serves one request at a time, ~140 ms an item on 2 busy cores.
 */
const PASS_TIME_BUDGET_MS = 20_000
const NOT_STARTED = '本次批量通过未来得及处理该项，请再次批量通过'

/** An item read for passing: its title for the answer, and the pass itself (the one-by-one decision with its default opinion). */
interface Passing {
  title: string
  pass(): Promise<unknown>
}

type Opener = (deps: BatchPassDeps, staff: StaffCaller, id: string, version: number) => Promise<Passing>

/** 年检 and 暂缓 share one record type; an id of the other kind is not in this list. */
const inspectionOpener =
  (kind: 'inspection' | 'deferral'): Opener =>
  async (deps, staff, id, version) => {
    const record = await visibleRecord(deps, staff, id)
    if (record.kind !== kind) throw notFound(INSPECTION_KIND_LABELS[kind])
    return { title: record.memberName, pass: () => recordDecision(deps, staff, record, { decision: 'pass', opinion: '', version }) }
  }

const OPENERS: Partial<Record<ApprovalKind, Opener>> = {
  inspection: inspectionOpener('inspection'),
  deferral: inspectionOpener('deferral'),
  fee_confirmation: async (deps, staff, id, version) => {
    const review = await feeReview(deps, staff, id)
    return { title: review.member.name, pass: () => recordFeeDecision(deps, staff, review, { decision: 'confirm', opinion: '', version }) }
  },
  admission: async (deps, staff, id, version) => {
    const application = await applicationForStaff(deps, staff, id)
    return {
      title: application.name,
      pass: () => recordAdmissionDecision(deps, staff, application, { action: 'approve', opinion: '', version }, deps.clock.now()),
    }
  },
  good_standing: async (deps, staff, id, version) => {
    const application = await foundApplication(deps, id)
    return {
      title: application.memberName,
      pass: async () => {
        // The one-by-one page decides what it shows without a version; a batch states the one its list showed.
        if (application.status === 'pending' && application.version !== version) throw changedMeanwhile()
        await recordGoodStandingDecision(deps, staff, application, { decision: 'approve' })
      },
    }
  },
}

/** Refusals of one item that leave it as it is: decided, changed, withdrawn, gone, or not this level's. */
const ITEM_REFUSALS = new Set(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN'])

/** An item to pass at the version the list showed; its title when the list gave one. */
type PassRequestItem = { id: string; version: number; title?: string }

type Outcome = { passed: BatchPassResponse['passed'][number] } | { changed: BatchPassResponse['changed'][number] }

/**
 * Passes one item through its kind's one-by-one decision. The title shown for an item that could
 * not be read is what the list showed, else its id: an item of another association names nobody.
 */
async function passOne(deps: BatchPassDeps, staff: StaffCaller, open: Opener, item: PassRequestItem): Promise<Outcome> {
  let title = item.title ?? item.id
  try {
    const passing = await open(deps, staff, item.id, item.version)
    title = passing.title
    await passing.pass()
    return { passed: { id: item.id, title } }
  } catch (error) {
    if (error instanceof AppError && ITEM_REFUSALS.has(error.code)) return { changed: { id: item.id, title, reason: error.message } }
    throw error
  }
}

/** Runs `work` over `items`, at most `limit` at a time, results in the items' order; every started item finishes before a failure is thrown. */
async function eachBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      )
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results.map((result) => {
    if (result.status === 'rejected') throw result.reason
    return result.value
  })
}

/**
 * Every pending item matching the filter, read page by page, or a 409 when more match than the
 * staff member confirmed: passing items nobody counted (submitted since) needs a new count. Fewer
 * is fine, those were decided meanwhile; an item that then changes before its write is reported.
 */
async function confirmedMatches(deps: BatchPassDeps, staff: StaffCaller, kind: ApprovalKind, filter: InboxFilter, expectedCount: number) {
  const items = []
  let cursor: string | undefined
  do {
    const page = await deps.inbox.list(scopeOf(staff), kind, { filter, order: 'oldest', cursor, limit: MAX_PAGE_SIZE })
    items.push(...page.items)
    if (items.length > expectedCount) {
      throw new AppError('CONFLICT', `符合条件的事项已多于确认的${expectedCount}项（有新提交），未通过任何事项；请重新查看数量后再确认`)
    }
    cursor = page.nextCursor
  } while (cursor)
  return items
}

/**
 * 批量通过: the ticked items at the versions the screen showed, or every item matching a filter
 * (at the versions listed now). Each goes through its kind's one-by-one decision with the default
 * opinion, so the same checks (level, association, version), conditional write, trail, 已办
 * record, figures and member message apply; one that changed meanwhile is listed with the reason
 * and the others still pass. Returns and rejections need a reason and stay one by one.
 */
export async function batchPass(deps: BatchPassDeps, caller: Caller, kind: ApprovalKind, request: BatchPassRequest): Promise<BatchPassResponse> {
  const stopAt = deps.clock.now().getTime() + PASS_TIME_BUDGET_MS
  const staff = asStaff(caller)
  const open = OPENERS[kindOfLevel(staff, kind)]
  if (!open || !canBatchPass(staff.role, kind)) {
    const message = `${APPROVAL_KIND_LABELS[kind]}须逐项审核，不能批量通过`
    throw new AppError('VALIDATION_FAILED', message, { kind: message })
  }
  const items: PassRequestItem[] =
    'items' in request
      ? [...new Map(request.items.map((item) => [item.id, item])).values()]
      : await confirmedMatches(deps, staff, kind, checkedFilter(request.filter), request.expectedCount)
  const outcomes = await eachBounded(items, CONCURRENT_PASSES, (item) =>
    deps.clock.now().getTime() > stopAt
      ? Promise.resolve({ changed: { id: item.id, title: item.title ?? item.id, reason: NOT_STARTED } })
      : passOne(deps, staff, open, item),
  )
  return {
    passed: outcomes.flatMap((outcome) => ('passed' in outcome ? [outcome.passed] : [])),
    changed: outcomes.flatMap((outcome) => ('changed' in outcome ? [outcome.changed] : [])),
  }
}
