import type { MemberMessage } from '../../shared/api/inspection-schemas'
import type { StaffDigestsResponse } from '../../shared/api/reminder-schemas'
import { APPROVAL_KIND_LABELS, APPROVAL_KINDS, approvalKindsFor, type ApprovalKind } from '../../shared/approvals'
import { associationName, CICPA_CODE, LOCAL_ASSOCIATIONS } from '../../shared/associations'
import { defaultInspectionWindow, inspectionYearAt } from '../../shared/calendar'
import { chinaDate } from '../../shared/china-time'
import { inspectionId } from '../../shared/inspection'
import { addDays, reminderDay, reminderNote, reminderReasons, reminderSentences, type ReminderReason } from '../../shared/reminders'
import { accountIdOf } from '../ports/accounts'
import { epochSeconds, type Clock } from '../ports/clock'
import type { Inbox } from '../ports/inbox'
import type { InspectionSettingsStore } from '../ports/inspections'
import type { ReminderMember, ReminderSources, ReminderStore, StaffDigest } from '../ports/reminders'
import type { WechatNotices } from '../ports/subscriptions'
import type { Caller } from '../auth/tokens'
import { asStaff, scopeOf } from './inbox'
import { messageId } from './inspection'
import { sendToAccount } from './subscriptions'

export interface ReminderDeps {
  sources: ReminderSources
  store: ReminderStore
  settings: Pick<InspectionSettingsStore, 'read'>
  inbox: Pick<Inbox, 'count'>
  notices: Omit<WechatNotices, 'members'>
  clock: Clock
}

/** Markers and digests outlive the window they guard (the longest lead is 14 days) and then expire. */
const KEEP_SECONDS = 40 * 86_400
/** Members reminded at once: each is its own transaction, so one slow write does not hold up the rest. */
const PARALLEL = 16

interface AssociationRun {
  associationCode: string
  daysLeft: number
  closesOn: string
  /** Members the job read (every member of the association). */
  read: number
  /** Members told today by this run. */
  reminded: number
  /** Members owed a reminder that an earlier (or a concurrent) run of the day had told already. */
  alreadyReminded: number
  byReason: Record<ReminderReason, number>
  wechat: Record<'sent' | 'unbound' | 'no-credit' | 'failed', number>
}

export interface ReminderRun {
  date: string
  year: number
  associations: AssociationRun[]
  digests: (StaffDigest & { outcome: 'created' | 'duplicate' })[]
}

async function eachInParallel<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>) {
  const running = new Set<Promise<void>>()
  for await (const item of items) {
    const task = work(item).finally(() => running.delete(task))
    running.add(task)
    if (running.size >= limit) await Promise.race(running)
  }
  await Promise.all(running)
}

/** One member's message and WeChat notice, written once per reason and day whatever reruns. */
async function remindMember(deps: ReminderDeps, run: AssociationRun, member: ReminderMember, facts: { year: number; date: string; at: string }) {
  const owed = reminderReasons(member)
  if (!owed.length) return
  const { year, date, at } = facts
  const message = (reasons: readonly ReminderReason[]): MemberMessage => ({
    id: messageId(at),
    title: `${year}年度年检申请即将截止`,
    node: '年检提醒',
    unit: associationName(run.associationCode),
    opinion: reminderSentences(reasons, { year, closesOn: run.closesOn, daysLeft: run.daysLeft, hoursMissing: member.hoursMissing }).join('；'),
    at,
    read: false,
    subject: 'reminder',
    subjectId: inspectionId(member.memberNo, year),
  })
  const expiresAt = epochSeconds(deps.clock.now()) + KEEP_SECONDS
  let reasons = owed
  let written = message(reasons)
  let outcome = await deps.store.remind(member.memberNo, date, reasons, written, expiresAt)
  if (outcome !== 'sent') {
    // A reason that arose after an earlier run today (a fee sent back to 去支付) is still told, once.
    const already = outcome
    reasons = owed.filter((reason) => !already.includes(reason))
    written = message(reasons)
    if (reasons.length) outcome = await deps.store.remind(member.memberNo, date, reasons, written, expiresAt)
  }
  if (outcome !== 'sent') {
    run.alreadyReminded++
    return
  }
  run.reminded++
  for (const reason of reasons) run.byReason[reason]++
  const wechat = await sendToAccount(
    deps.notices,
    accountIdOf(member.userType, member.memberNo),
    {
      template: 'reminder',
      subject: `${year}年度年检申请`,
      deadline: run.closesOn,
      note: reminderNote(reasons, member.hoursMissing),
      page: `subpackages/inspection/message/index?id=${written.id}`,
    },
    at,
  ).catch((error: unknown) => {
    deps.notices.log.businessEvent('delivery-failed', { purpose: 'reminder', channel: 'wechat', reason: (error as Error).message })
    return 'failed' as const
  })
  run.wechat[wechat]++
}

async function remindAssociation(deps: ReminderDeps, associationCode: string, facts: { year: number; date: string; at: string }) {
  const window = (await deps.settings.read(associationCode))?.windows[facts.year] ?? defaultInspectionWindow(facts.year)
  const daysLeft = reminderDay(window, facts.date)
  if (daysLeft === null) return undefined
  const run: AssociationRun = {
    associationCode,
    daysLeft,
    closesOn: window.closesOn,
    read: 0,
    reminded: 0,
    alreadyReminded: 0,
    byReason: { window: 0, hours: 0, fee: 0 },
    wechat: { sent: 0, unbound: 0, 'no-credit': 0, failed: 0 },
  }
  await eachInParallel(deps.sources.members(associationCode, facts.year), PARALLEL, async (member) => {
    run.read++
    await remindMember(deps, run, member, facts)
  })
  return run
}

/** What started waiting for one level yesterday (China time), by kind; saved once per level and day. */
async function digestFor(deps: ReminderDeps, scopeCode: string, facts: { date: string; at: string }) {
  const covers = addDays(facts.date, -1)
  const kinds = approvalKindsFor(scopeCode === CICPA_CODE ? 'cicpa_staff' : 'local_staff')
  const counted = await Promise.all(kinds.map(async (kind) => [kind, await deps.inbox.count(scopeCode, kind, { from: covers, to: covers })] as const))
  const counts = Object.fromEntries(counted.filter(([, count]) => count > 0)) as Partial<Record<ApprovalKind, number>>
  const total = counted.reduce((sum, [, count]) => sum + count, 0)
  if (!total) return undefined
  const digest: StaffDigest = { scopeCode, date: facts.date, covers, counts, total, at: facts.at }
  return { ...digest, outcome: await deps.store.saveDigest(digest, epochSeconds(deps.clock.now()) + KEEP_SECONDS) }
}

/**
 * The daily job (EventBridge, serverless.yml `reminders`): every association whose window has 14,
 * 7 or 1 days left reminds its members who still owe the 年检; then each level gets the digest of
 * what started waiting for it yesterday. Everything it writes is conditional on not being there
 * yet, so a rerun — or two runs at once — tells nobody twice.
 */
export async function runReminders(deps: ReminderDeps, options: { associations?: readonly string[] } = {}): Promise<ReminderRun> {
  const now = deps.clock.now()
  const facts = { year: inspectionYearAt(now), date: chinaDate(now), at: now.toISOString() }
  const codes = options.associations ?? LOCAL_ASSOCIATIONS.map((association) => association.code)
  const associations: AssociationRun[] = []
  for (const code of codes) {
    const run = await remindAssociation(deps, code, facts)
    if (run) associations.push(run)
  }
  const scopes = [...codes, ...(options.associations ? [] : [CICPA_CODE])]
  const digests = (await Promise.all(scopes.map((scope) => digestFor(deps, scope, facts)))).filter((digest) => digest !== undefined)
  return { date: facts.date, year: facts.year, associations, digests }
}

/** A week of mornings: enough to catch up after a few days away. */
const DIGEST_DAYS = 7

/** 每日待办摘要 of the staff member's own level, newest first. */
export async function staffDigests(deps: { store: Pick<ReminderStore, 'digests'> }, caller: Caller): Promise<StaffDigestsResponse> {
  const scopeCode = scopeOf(asStaff(caller))
  const digests = await deps.store.digests(scopeCode, DIGEST_DAYS)
  return {
    scope: { code: scopeCode, name: associationName(scopeCode) },
    items: digests.map(({ date, covers, total, counts }) => ({
      date,
      covers,
      total,
      categories: APPROVAL_KINDS.flatMap((kind) => (counts[kind] ? [{ kind, label: APPROVAL_KIND_LABELS[kind], count: counts[kind] }] : [])),
    })),
  }
}
