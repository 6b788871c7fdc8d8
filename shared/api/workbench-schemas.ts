import { deferred } from '../deferred'
import * as z from 'zod'
import { APPROVAL_KINDS } from '../approvals'
import { labelled, isoDate } from '../validation'
import {
  ALL_ASSOCIATIONS,
  DEFAULT_PAGE_SIZE,
  EXPORT_KINDS,
  EXPORT_STATUSES,
  HANDLED_DECISIONS,
  INBOX_ORDERS,
  MAX_BATCH_PASS,
  MAX_PAGE_SIZE,
  PENDING_STATES,
} from '../workbench'
import { AssociationRef } from './schemas'

const year = (title = '年检年度') => labelled(z.coerce.number().int().min(2000).max(2100), title)

/** 会员编号, 业务编号 or a name, typed whole or as its beginning. */
const search = deferred(() => labelled(z.string().trim().min(1, '搜索内容不能为空').max(40, '搜索内容不能超过40个字'), '搜索内容'))

/** An opaque position in a list, handed back by the previous page. */
const cursor = deferred(() => labelled(z.string().max(2000, '分页位置无效'), '分页位置'))

const pageSize = deferred(() => labelled(z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE), '每页条数'))

/** What narrows a kind's pending list; the same filter chooses the items of "pass all that match". */
export const InboxFilter = deferred(() =>
  z.object({
    year: year().optional(),
    state: labelled(z.enum(PENDING_STATES), '状态').optional(),
    /** 提交日期 from / to, China dates, both inclusive. */
    from: isoDate('提交日期起').optional(),
    to: isoDate('提交日期止').optional(),
    q: search.optional(),
  }),
)
export type InboxFilter = z.infer<typeof InboxFilter>

export const InboxItemsQuery = deferred(() =>
  InboxFilter.extend({
    order: labelled(z.enum(INBOX_ORDERS), '排序').default('oldest'),
    cursor: cursor.optional(),
    limit: pageSize,
  }),
)
export type InboxItemsQuery = z.infer<typeof InboxItemsQuery>

/** What a row of the 待办 and the 已办 lists says about its item. */
const ApprovalItemRow = deferred(() =>
  z.object({
    id: z.string(),
    kind: z.enum(APPROVAL_KINDS),
    /** The applicant's or member's name. */
    title: z.string(),
    /** e.g. 业务编号 or 年检年度 */
    subtitle: z.string(),
    /** 会员编号, or 业务编号 for an applicant who is not a member yet. */
    number: z.string(),
    year: z.number().int(),
  }),
)

export const InboxItem = deferred(() =>
  ApprovalItemRow.extend({
    state: z.enum(PENDING_STATES),
    submittedAt: z.string(),
    /** The version a batch pass is conditional on: an item changed since the list was read is not passed. */
    version: z.number().int(),
  }),
)
export type InboxItem = z.infer<typeof InboxItem>

export const InboxItemsResponse = deferred(() =>
  z.object({
    kind: z.enum(APPROVAL_KINDS),
    label: z.string(),
    items: z.array(InboxItem),
    /** Absent on the last page. */
    nextCursor: z.string().optional(),
  }),
)
export type InboxItemsResponse = z.infer<typeof InboxItemsResponse>

/** How many pending items of a kind match a filter: shown before "pass all that match" is confirmed. */
export const InboxCountResponse = deferred(() => z.object({ count: z.number().int() }))

export const HandledQuery = deferred(() =>
  z.object({
    year: year(),
    kind: labelled(z.enum(APPROVAL_KINDS), '事项类型').optional(),
    decision: labelled(z.enum(HANDLED_DECISIONS), '处理结果').optional(),
    q: search.optional(),
    cursor: cursor.optional(),
    limit: pageSize,
  }),
)
export type HandledQuery = z.infer<typeof HandledQuery>

/** One decision this level made (已办); it opens on the item's own page, which shows its trail. */
export const HandledItem = deferred(() =>
  ApprovalItemRow.extend({
    decision: z.enum(HANDLED_DECISIONS),
    opinion: z.string(),
    decidedAt: z.string(),
    /** Who decided: the staff member's name. */
    decidedBy: z.string(),
  }),
)
export type HandledItem = z.infer<typeof HandledItem>

export const HandledResponse = deferred(() => z.object({ items: z.array(HandledItem), nextCursor: z.string().optional() }))
export type HandledResponse = z.infer<typeof HandledResponse>

/** Pass the items ticked on screen (each at the version shown), or every item matching a filter (the count shown first). */
export const BatchPassRequest = deferred(() =>
  z.union([
    z.object({
      items: labelled(
        z
          .array(z.object({ id: labelled(z.string().min(1).max(200), '事项编号'), version: labelled(z.number().int().min(0), '版本') }))
          .min(1, '请至少选择一项')
          .max(MAX_BATCH_PASS, `一次最多批量通过${MAX_BATCH_PASS}项`),
        '所选事项',
      ),
    }),
    z.object({
      filter: InboxFilter,
      /** The count the staff member confirmed: if more items match now, nothing is passed. */
      expectedCount: labelled(z.number().int().min(1).max(MAX_BATCH_PASS, `一次最多批量通过${MAX_BATCH_PASS}项，请缩小筛选范围`), '确认数量'),
    }),
  ]),
)
export type BatchPassRequest = z.infer<typeof BatchPassRequest>

export const BatchPassResponse = deferred(() =>
  z.object({
    passed: z.array(z.object({ id: z.string(), title: z.string() })),
    /** Decided, withdrawn or resubmitted by someone else meanwhile: left as they are. */
    changed: z.array(z.object({ id: z.string(), title: z.string(), reason: z.string() })),
  }),
)
export type BatchPassResponse = z.infer<typeof BatchPassResponse>

export const ExportRequest = deferred(() =>
  z.object({
    kind: labelled(z.enum(EXPORT_KINDS), '导出内容'),
    /** 年检结果 and 会员学时 are per year; the pending list is as of now. */
    year: year('年度').optional(),
    /** CICPA only: one association's code, or `all`. Local staff always export their own. */
    associationCode: labelled(z.string().min(1).max(20), '地方注协').optional(),
  }),
)
export type ExportRequest = z.infer<typeof ExportRequest>

export const ExportJob = deferred(() =>
  z.object({
    id: z.string(),
    kind: z.enum(EXPORT_KINDS),
    label: z.string(),
    year: z.number().int().optional(),
    association: z.union([AssociationRef, z.object({ code: z.literal(ALL_ASSOCIATIONS), name: z.string() })]),
    status: z.enum(EXPORT_STATUSES),
    /** Rows written so far, and how many there will be once known. */
    processed: z.number().int(),
    total: z.number().int().optional(),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    fileName: z.string(),
    /** A presigned GET, only when done; valid for minutes. */
    downloadUrl: z.string().optional(),
    failure: z.string().optional(),
  }),
)
export type ExportJob = z.infer<typeof ExportJob>

export const ExportParams = deferred(() => z.object({ id: labelled(z.string().min(1).max(80), '导出任务') }))
export const ExportListResponse = deferred(() => z.object({ items: z.array(ExportJob) }))

export const FiguresQuery = deferred(() => z.object({ year: year() }))

/** One association's 年检 figures for a year, kept by counters written with the items they count. */
export const AssociationFigures = deferred(() =>
  z.object({
    association: AssociationRef,
    year: z.number().int(),
    members: z.number().int(),
    applied: z.number().int(),
    notApplied: z.number().int(),
    passed: z.number().int(),
    returned: z.number().int(),
    deferred: z.number().int(),
    feePaid: z.number().int(),
    feeUnpaid: z.number().int(),
    hoursMet: z.number().int(),
  }),
)
export type AssociationFigures = z.infer<typeof AssociationFigures>

/** Local staff get their association; CICPA staff the 32 side by side. */
export const FiguresResponse = deferred(() => z.object({ year: z.number().int(), associations: z.array(AssociationFigures) }))
export type FiguresResponse = z.infer<typeof FiguresResponse>
