import { randomUUID } from 'node:crypto'
import { approvalKindsFor, APPROVAL_KIND_LABELS } from '../../shared/approvals'
import { associationName, CICPA_CODE, LOCAL_ASSOCIATIONS } from '../../shared/associations'
import type { ExportJob, ExportRequest } from '../../shared/api/workbench-schemas'
import { chinaDateTime, formatChinaTime } from '../../shared/china-time'
import { INSPECTION_KIND_LABELS, inspectionStatusLabel } from '../../shared/inspection'
import { ALL_ASSOCIATIONS, EXPORT_KIND_LABELS, MAX_PAGE_SIZE, PENDING_STATE_LABELS, type ExportKind } from '../../shared/workbench'
import type { Caller } from '../auth/tokens'
import { epochSeconds, type Clock } from '../ports/clock'
import type { ExportJobRecord, ExportJobs, ExportLinks, ExportRunner, ExportSources, ExportWorkbooks, SheetColumn, SheetRow } from '../ports/exports'
import type { Figures } from '../ports/figures'
import type { Inbox } from '../ports/inbox'
import type { OperationsLog } from '../ports/operations-log'
import { AppError, notFound } from './errors'

export interface ExportDeps {
  jobs: ExportJobs
  runner: ExportRunner
  links: ExportLinks
  clock: Clock
}

export interface ExportWorkerDeps {
  jobs: ExportJobs
  workbooks: ExportWorkbooks
  sources: ExportSources
  inbox: Inbox
  /** The member counters: how many rows a member sheet will have, before reading them. */
  figures: Figures
  log: OperationsLog
  clock: Clock
}

/** A job and its file are kept a week: long enough to download again, short enough not to pile up. */
const JOB_DAYS = 7
/** How many of the staff member's exports the page lists. */
const RECENT_JOBS = 20
/** Progress is written every this many rows: about one write a second at the worker's pace. */
const PROGRESS_EVERY = 1000

const FAILED_TO_START = '导出任务未能启动，请稍后重试'
const FAILED_TO_BUILD = '生成失败，请重新导出'
const TIMED_OUT = '生成超时，请重新导出'
/**
 * A job not finished by then never will be: the worker's run is capped (serverless.yml timeout,
 * Lambda's 15 minutes at most) and an event not delivered by then is dropped (maximumEventAge).
 */
const JOB_DEADLINE_MS = 30 * 60_000

/** An unfinished job past its deadline is shown as the failure it is, rather than "running" forever. */
function settled(job: ExportJobRecord, now: Date): ExportJobRecord {
  const unfinished = job.status === 'queued' || job.status === 'running'
  return unfinished && now.getTime() - Date.parse(job.createdAt) > JOB_DEADLINE_MS ? { ...job, status: 'failed', failure: TIMED_OUT } : job
}

const isLocalCode = (code: string) => LOCAL_ASSOCIATIONS.some((association) => association.code === code)
const scopeName = (code: string) => (code === ALL_ASSOCIATIONS ? '全部地方注协' : associationName(code))

/** Which association an export covers: local staff always their own, CICPA the one chosen or all. */
function coveredAssociation(caller: Caller, requested: string | undefined): string {
  if (caller.role !== 'cicpa_staff') {
    if (requested !== undefined && requested !== caller.associationCode) throw new AppError('FORBIDDEN', '只能导出本协会的数据')
    return caller.associationCode
  }
  if (requested === undefined) throw new AppError('VALIDATION_FAILED', '请选择地方注协', { associationCode: '请选择地方注协' })
  if (requested !== ALL_ASSOCIATIONS && !isLocalCode(requested)) {
    throw new AppError('VALIDATION_FAILED', '地方注协不存在', { associationCode: '地方注协不存在' })
  }
  return requested
}

/** "浙江省注册会计师协会_2026年度年检结果_20261130-1625.xlsx" */
function fileNameOf(kind: ExportKind, associationCode: string, year: number | undefined, at: Date): string {
  const stamp = chinaDateTime(at).slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return `${scopeName(associationCode)}_${year ? `${year}年度` : ''}${EXPORT_KIND_LABELS[kind]}_${stamp}.xlsx`
}

async function view(deps: Pick<ExportDeps, 'links' | 'clock'>, stored: ExportJobRecord): Promise<ExportJob> {
  const job = settled(stored, deps.clock.now())
  return {
    id: job.id,
    kind: job.kind,
    label: EXPORT_KIND_LABELS[job.kind],
    year: job.year,
    association: { code: job.associationCode, name: scopeName(job.associationCode) },
    status: job.status,
    processed: job.processed,
    total: job.total,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    fileName: job.fileName,
    downloadUrl: job.status === 'done' ? await deps.links.downloadUrl(job.objectKey) : undefined,
    failure: job.failure,
  }
}

export async function startExport(deps: ExportDeps, caller: Caller, request: ExportRequest): Promise<ExportJob> {
  const associationCode = coveredAssociation(caller, request.associationCode)
  if (request.kind !== 'pending' && request.year === undefined) throw new AppError('VALIDATION_FAILED', '请选择年度', { year: '请选择年度' })
  const now = deps.clock.now()
  const id = randomUUID()
  const job: ExportJobRecord = {
    id,
    ownerAccountId: caller.accountId,
    kind: request.kind,
    year: request.year,
    associationCode,
    status: 'queued',
    processed: 0,
    createdAt: now.toISOString(),
    fileName: fileNameOf(request.kind, associationCode, request.year, now),
    objectKey: `exports/${id}.xlsx`,
  }
  await deps.jobs.create(job, epochSeconds(now) + JOB_DAYS * 86_400)
  try {
    await deps.runner.start(id)
  } catch (error) {
    await deps.jobs.fail(id, FAILED_TO_START, deps.clock.now().toISOString())
    throw error
  }
  return view(deps, job)
}

/** A job is its owner's alone; anyone else is told it does not exist. */
export async function exportJob(deps: ExportDeps, caller: Caller, id: string): Promise<ExportJob> {
  const job = await deps.jobs.get(id)
  if (!job || job.ownerAccountId !== caller.accountId) throw notFound('导出任务')
  return view(deps, job)
}

export async function recentExports(deps: ExportDeps, caller: Caller): Promise<{ items: ExportJob[] }> {
  const jobs = await deps.jobs.recent(caller.accountId, RECENT_JOBS)
  return { items: await Promise.all(jobs.map((job) => view(deps, job))) }
}

interface Sheet {
  columns: SheetColumn[]
  rows: AsyncIterable<SheetRow>
  total(): Promise<number>
}

const ASSOCIATION_COLUMN: SheetColumn = { header: '地方注协', width: 24 }
const MEMBER_COLUMNS: SheetColumn[] = [
  { header: '会员编号', width: 16 },
  { header: '姓名', width: 10 },
  { header: '工作单位', width: 30 },
]

const associationsOf = (job: ExportJobRecord) => (job.associationCode === ALL_ASSOCIATIONS ? LOCAL_ASSOCIATIONS.map((a) => a.code) : [job.associationCode])

const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0)

/**
 * Walks an association's members in 会员编号 order beside one of their per-year sequences (same
 * order), handing each member with their item of the year, or none: a merge join in constant memory.
 */
async function* membersWith<T extends { memberNo: string }>(sources: ExportSources, associationCode: string, items: AsyncIterable<T>) {
  const iterator = items[Symbol.asyncIterator]()
  let next = await iterator.next()
  for await (const member of sources.members(associationCode)) {
    while (!next.done && next.value.memberNo < member.memberNo) next = await iterator.next()
    yield { member, item: !next.done && next.value.memberNo === member.memberNo ? next.value : undefined }
  }
}

function memberSheet<T extends { memberNo: string }>(
  deps: ExportWorkerDeps,
  job: ExportJobRecord,
  columns: SheetColumn[],
  itemsOf: (associationCode: string, year: number) => AsyncIterable<T>,
  cells: (item: T | undefined) => (string | number)[],
): Sheet {
  const all = job.associationCode === ALL_ASSOCIATIONS
  const year = job.year!
  return {
    columns: [...(all ? [ASSOCIATION_COLUMN] : []), ...MEMBER_COLUMNS, ...columns],
    rows: (async function* () {
      for (const code of associationsOf(job)) {
        for await (const { member, item } of membersWith(deps.sources, code, itemsOf(code, year))) {
          yield [...(all ? [associationName(code)] : []), member.memberNo, member.name, member.workUnit ?? '', ...cells(item)]
        }
      }
    })(),
    total: async () => sum((await deps.figures.read(associationsOf(job), year)).map((counts) => counts.members)),
  }
}

/** 年检结果: every member, with the year's inspection or deferral, or 未申请 when none was submitted. */
function inspectionSheet(deps: ExportWorkerDeps, job: ExportJobRecord): Sheet {
  const columns = [
    { header: '年检年度', width: 10 },
    { header: '申请类型', width: 14 },
    { header: '年检结果', width: 16 },
    { header: '提交时间', width: 18 },
    { header: '审核时间', width: 18 },
    { header: '退回原因', width: 30 },
  ]
  return memberSheet(deps, job, columns, deps.sources.inspections.bind(deps.sources), (inspection) => {
    const submitted = inspection && inspection.status !== 'draft' ? inspection : undefined
    return [
      job.year!,
      submitted ? INSPECTION_KIND_LABELS[submitted.kind] : '',
      submitted ? inspectionStatusLabel(submitted.kind, submitted.status) : '未申请',
      submitted ? formatChinaTime(submitted.submittedAt) : '',
      submitted?.decidedAt ? formatChinaTime(submitted.decidedAt) : '',
      submitted?.returnReason ?? '',
    ]
  })
}

/** 会员学时: every member, with the year's credited hours and whether they meet the requirement. */
function hoursSheet(deps: ExportWorkerDeps, job: ExportJobRecord): Sheet {
  const columns = [
    { header: '年度', width: 8 },
    { header: '已完成学时', width: 12 },
    { header: '是否达标', width: 10 },
  ]
  return memberSheet(deps, job, columns, deps.sources.hours.bind(deps.sources), (hours) => [job.year!, hours?.total ?? 0, hours?.met ? '达标' : '未达标'])
}

/** Whose inboxes a pending-list export reads: the association's, or with `all` every level's. */
function pendingScopes(job: ExportJobRecord) {
  const locals = associationsOf(job).map((code) => ({ code, kinds: approvalKindsFor('local_staff') }))
  return job.associationCode === ALL_ASSOCIATIONS ? [...locals, { code: CICPA_CODE, kinds: approvalKindsFor('cicpa_staff') }] : locals
}

/** 待审批清单: what waits now, oldest first, kind by kind, in the inbox's own pages. */
function pendingSheet(deps: ExportWorkerDeps, job: ExportJobRecord): Sheet {
  const all = job.associationCode === ALL_ASSOCIATIONS
  const filter = job.year === undefined ? {} : { year: job.year }
  return {
    columns: [
      ...(all ? [{ header: '审批单位', width: 24 }] : []),
      { header: '事项类型', width: 14 },
      { header: '姓名', width: 10 },
      { header: '会员编号/业务编号', width: 20 },
      { header: '摘要', width: 36 },
      { header: '年度', width: 8 },
      { header: '状态', width: 16 },
      { header: '提交时间', width: 18 },
    ],
    rows: (async function* () {
      for (const scope of pendingScopes(job)) {
        for (const kind of scope.kinds) {
          let cursor: string | undefined
          do {
            const page = await deps.inbox.list(scope.code, kind, { filter, order: 'oldest', cursor, limit: MAX_PAGE_SIZE })
            for (const item of page.items) {
              yield [
                ...(all ? [associationName(scope.code)] : []),
                APPROVAL_KIND_LABELS[kind],
                item.title,
                item.number,
                item.subtitle,
                item.year,
                PENDING_STATE_LABELS[item.state],
                formatChinaTime(item.submittedAt),
              ]
            }
            cursor = page.nextCursor
          } while (cursor)
        }
      }
    })(),
    total: async () => sum(await Promise.all(pendingScopes(job).flatMap((scope) => scope.kinds.map((kind) => deps.inbox.count(scope.code, kind, filter))))),
  }
}

const SHEETS: Record<ExportKind, (deps: ExportWorkerDeps, job: ExportJobRecord) => Sheet> = {
  inspection_results: inspectionSheet,
  member_hours: hoursSheet,
  pending: pendingSheet,
}

/**
 * The worker: takes a queued job (a second start finds it taken), streams its rows into the
 * workbook, recording progress as it goes, and ends it done or failed.
 */
export async function runExport(deps: ExportWorkerDeps, jobId: string): Promise<void> {
  const job = await deps.jobs.get(jobId)
  if (!job) return
  if (settled(job, deps.clock.now()).status === 'failed') {
    await deps.jobs.fail(jobId, TIMED_OUT, deps.clock.now().toISOString())
    return
  }
  if (!(await deps.jobs.begin(jobId))) return
  const sheet = SHEETS[job.kind](deps, job)
  let processed = 0
  try {
    const total = await sheet.total()
    await deps.jobs.progress(jobId, 0, total)
    const counted = (async function* () {
      for await (const row of sheet.rows) {
        yield row
        processed += 1
        if (processed % PROGRESS_EVERY === 0) await deps.jobs.progress(jobId, processed)
      }
    })()
    await deps.workbooks.write(job.objectKey, job.fileName, { name: EXPORT_KIND_LABELS[job.kind], columns: sheet.columns, rows: counted })
    await deps.jobs.finish(jobId, processed, deps.clock.now().toISOString())
  } catch (error) {
    deps.log.businessEvent('export-failed', { jobId, kind: job.kind, processed, error: error instanceof Error ? error.message : String(error) })
    await deps.jobs.fail(jobId, FAILED_TO_BUILD, deps.clock.now().toISOString())
  }
}
