import { deferred } from '../../shared/deferred'
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from './dynamo-client'
import * as z from 'zod'
import { MemberInfo, MemberInfoDraft, MemberMessage } from '../../shared/api/inspection-schemas'
import { FEE_ALLOWS_APPLYING } from '../../shared/fee'
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  INSPECTION_STATUSES,
  inspectionId,
  type InspectionKind,
  type InspectionStatus,
  type MaterialPurpose,
} from '../../shared/inspection'
import type { PendingState } from '../../shared/workbench'
import { config } from '../config'
import {
  FILE_LISTS,
  filesOf,
  type InspectionRecord,
  type InspectionSettingsStore,
  type InspectionStore,
  type MemberInfoStore,
  type MemberMessages,
} from '../ports/inspections'
import { StaleWrite } from '../ports/outcomes'
import { countAll, dynamo, isConditionFailure, keys, queryAll, staleOnConflict, transactNamed, type TransactItem } from './dynamo'
import { associationYearIndex, figuresChange, inspectionCounts } from './figures'
import { decidePending, waitingFor, STOP_WAITING } from './pending'
import { listTrail, memberMessagePut, trailPut } from './trail'
import { uploadClaimDelete, uploadClaimPut } from './uploads'

const storedFile = deferred(() => z.object({ fileId: z.string(), key: z.string(), name: z.string(), size: z.number(), contentType: z.string() }))

const storedInspection = deferred(() =>
  z.object({
    id: z.string(),
    memberNo: z.string(),
    year: z.number(),
    kind: z.enum(INSPECTION_KINDS),
    status: z.enum(INSPECTION_STATUSES),
    version: z.number().default(0),
    associationCode: z.string(),
    memberName: z.string(),
    submittedAt: z.string().optional(),
    decidedAt: z.string().optional(),
    returnReason: z.string().optional(),
    deferralReason: z.string().optional(),
    files: z.array(storedFile).default([]),
    deferralFiles: z.array(storedFile).default([]),
  }),
) satisfies z.ZodType<InspectionRecord, unknown>

/** One transaction; any failed condition means the record (or the fee it depends on) changed since it was read. */
async function transact(items: TransactItem[]) {
  await staleOnConflict(() => dynamo().send(new TransactWriteCommand({ TransactItems: items })))
}

async function getInspection(memberNo: string, year: number): Promise<InspectionRecord | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.inspection(memberNo, year), ConsistentRead: true }))
  return result.Item ? storedInspection.parse(result.Item) : undefined
}

async function listInspections(memberNo: string): Promise<InspectionRecord[]> {
  const items = await queryAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.inspectionPrefix },
    ScanIndexForward: false,
  })
  return items.map((item) => storedInspection.parse(item))
}

/** How an inspection waits in its association's inbox: when submitted, and again when reopened. */
export function waitingForReview(
  item: { memberNo: string; year: number; kind: InspectionKind; associationCode: string; memberName: string; submittedAt: string },
  state?: PendingState,
) {
  return waitingFor(item.associationCode, item.kind, { ...listedAs(item), submittedAt: item.submittedAt, state })
}

/** How an inspection shows in its association's lists, pending and handled. */
const listedAs = (item: { memberNo: string; year: number; kind: InspectionKind; memberName: string }) => ({
  id: inspectionId(item.memberNo, item.year),
  title: item.memberName,
  subtitle: `${item.year}年度${INSPECTION_KIND_LABELS[item.kind]} · ${item.memberNo}`,
  number: item.memberNo,
  name: item.memberName,
  year: item.year,
})

/** Submitted again after staff returned or revoked it: the reviewer looks at what changed. */
const stateAfter = (previous: InspectionStatus | undefined): PendingState => (previous === 'returned' || previous === 'revoked' ? 'resubmitted' : 'new')

/** `field = :w_field` for each field, its value added to the expression's `values`. */
function assignments(values: Record<string, unknown>, fields: Record<string, unknown>): string[] {
  return Object.entries(fields).map(([field, value]) => {
    values[`:w_${field}`] = value
    return `${field} = :w_${field}`
  })
}

/**
 * Submits (or resubmits after a return) in one transaction: the record becomes pending and waits in
 * the association's inbox, the trail gets its entry, and for an inspection the fee must still allow
 * it at the moment of writing. `expectedVersion` undefined means "no record yet".
 */
async function submit(input: Parameters<InspectionStore['submit']>[0]) {
  const id = inspectionId(input.memberNo, input.year)
  const values: Record<string, unknown> = {
    ':id': id,
    ':memberNo': input.memberNo,
    ':year': input.year,
    ':kind': input.kind,
    ':pending': 'pending',
    ':association': input.associationCode,
    ':memberName': input.memberName,
    ':entity': 'inspection',
    ':one': 1,
    ':zero': 0,
    ':noFiles': [],
  }
  const waitingSet = assignments(values, waitingForReview({ ...input, submittedAt: input.trail.at }, stateAfter(input.previousStatus)))
  let set = [
    'id = :id',
    'memberNo = :memberNo',
    '#year = :year',
    'kind = :kind',
    '#status = :pending',
    'associationCode = :association',
    'memberName = :memberName',
    'entity = :entity',
    'files = if_not_exists(files, :noFiles)',
    '#version = if_not_exists(#version, :zero) + :one',
    ...waitingSet,
    ...assignments(values, associationYearIndex(input.associationCode, input.year, 'INSPECTION', input.memberNo)),
  ]
  if (input.deferralReason !== undefined) {
    values[':deferralReason'] = input.deferralReason
    set = [...set, 'deferralReason = :deferralReason']
  }
  // The figures count the change from the status this version had: read it, then write only over it.
  const previous = input.expectedVersion === undefined ? undefined : await getInspection(input.memberNo, input.year)
  if (previous?.version !== input.expectedVersion) throw new StaleWrite('inspection changed before submitting')
  let condition = 'attribute_not_exists(PK)'
  if (previous) {
    values[':expected'] = previous.version
    values[':previous'] = previous.status
    values[':draft'] = 'draft'
    values[':returned'] = 'returned'
    values[':revoked'] = 'revoked'
    condition = '#version = :expected AND #status = :previous AND #status IN (:draft, :returned, :revoked)'
  }
  const feeCheck =
    input.kind === 'inspection'
      ? [
          {
            ConditionCheck: {
              TableName: config.tableName,
              Key: keys.fee(input.memberNo, input.year),
              ConditionExpression: '#status IN (:feeOk0, :feeOk1)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':feeOk0': FEE_ALLOWS_APPLYING[0], ':feeOk1': FEE_ALLOWS_APPLYING[1] },
            },
          },
        ]
      : []
  await transact([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.inspection(input.memberNo, input.year),
        UpdateExpression: `SET ${set.join(', ')} REMOVE returnReason, decidedAt`,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#year': 'year' },
        ExpressionAttributeValues: values,
      },
    },
    ...feeCheck,
    trailPut(keys.inspectionTrail(id), input.trail),
    ...figuresChange(input.associationCode, input.year, inspectionCounts(previous), { applied: 1 }),
  ])
}

/** A staff decision: only on the pending version the staff member reviewed; one of two racing decisions wins. */
const decide: InspectionStore['decide'] = async (record, decision, { trail, message, decidedBy }) => {
  const handled = {
    scopeCode: record.associationCode,
    kind: record.kind,
    ...listedAs(record),
    decision: decision.status === 'passed' ? ('approved' as const) : ('returned' as const),
    decidedBy,
  }
  await transact([
    decidePending(keys.inspection(record.memberNo, record.year), record.version, {
      status: decision.status,
      decidedAt: trail.at,
      returnReason: decision.returnReason || undefined,
    }),
    trailPut(keys.inspectionTrail(record.id), trail, handled),
    memberMessagePut(record.memberNo, message),
    ...figuresChange(record.associationCode, record.year, inspectionCounts(record), inspectionCounts({ ...record, status: decision.status })),
  ])
}

/**
 * A staff correction of a decided item, only on the version (and status) the staff member looked
 * at, so it cannot overwrite a decision, resubmission or correction made meanwhile. Reopening puts
 * the item back into the association's inbox; a revocation keeps it out of every inbox, the member
 * acts next, told why by the trail entry's opinion. Trail entry and member message are written in
 * the same transaction.
 */
const correct: InspectionStore['correct'] = async (record, status, { trail, message }) => {
  const values: Record<string, unknown> = { ':status': status, ':from': record.status, ':expected': record.version, ':one': 1 }
  let update: string
  if (status === 'pending') {
    const waiting = waitingForReview({ ...record, submittedAt: record.submittedAt ?? trail.at })
    update = `SET ${['#status = :status', '#version = #version + :one', ...assignments(values, waiting)].join(', ')} REMOVE returnReason, decidedAt`
  } else {
    values[':reason'] = trail.opinion
    values[':at'] = trail.at
    update = `SET #status = :status, returnReason = :reason, decidedAt = :at, #version = #version + :one ${STOP_WAITING}`
  }
  await transact([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.inspection(record.memberNo, record.year),
        UpdateExpression: update,
        ConditionExpression: '#status = :from AND #version = :expected',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: values,
      },
    },
    trailPut(keys.inspectionTrail(record.id), trail),
    memberMessagePut(record.memberNo, message),
    ...figuresChange(record.associationCode, record.year, inspectionCounts(record), inspectionCounts({ ...record, status })),
  ])
}

const storedMessage = deferred(() =>
  MemberMessage.extend({
    read: z.boolean().catch(false),
    // Messages from before fees and hours claims had any were all about an inspection.
    subject: MemberMessage.shape.subject.default('inspection'),
  }),
)

/** The latest 50: the bell shows what is new, not an archive. */
const MESSAGES_SHOWN = 50

export const dynamoMemberMessages: MemberMessages = {
  async list(memberNo) {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.memberMessagePrefix },
        ScanIndexForward: false,
        Limit: MESSAGES_SHOWN,
      }),
    )
    return (result.Items ?? []).map((item) => storedMessage.parse(item))
  },

  countUnread(memberNo) {
    return countAll({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: '#read = :unread',
      ExpressionAttributeNames: { '#read': 'read' },
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': keys.memberMessagePrefix, ':unread': false },
    })
  },

  async markRead(memberNo, messageId) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.memberMessage(memberNo, messageId),
          UpdateExpression: 'SET #read = :true',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#read': 'read' },
          ExpressionAttributeValues: { ':true': true },
        }),
      )
      return true
    } catch (error) {
      if (isConditionFailure(error)) return false
      throw error
    }
  },
}

const storedSettings = deferred(() =>
  z.object({
    notice: z.string(),
    version: z.number().default(0),
    windows: z.record(z.coerce.number<string>(), z.object({ opensOn: z.string(), closesOn: z.string() })).default({}),
    uploads: z.object({ inspection: z.boolean(), deferral: z.boolean() }).optional(),
  }),
)

export const dynamoInspectionSettings: InspectionSettingsStore = {
  async read(associationCode) {
    const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.inspectionNotice(associationCode), ConsistentRead: true }))
    return result.Item ? storedSettings.parse(result.Item) : undefined
  },

  /** The windows map is written whole: the version condition already rules out a lost update. */
  async save(associationCode, settings, by, expectedVersion) {
    await staleOnConflict(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.inspectionNotice(associationCode),
          UpdateExpression:
            'SET notice = :notice, windows = :windows, uploads = :uploads, updatedBy = :by, updatedAt = :at, entity = :entity, #version = :next',
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':notice': settings.notice,
            ':windows': settings.windows,
            ':uploads': settings.uploads,
            ':by': by.username,
            ':at': by.at,
            ':entity': 'notice',
            ':next': expectedVersion + 1,
            ...(expectedVersion === 0 ? {} : { ':expected': expectedVersion }),
          },
        }),
      ),
    )
  },
}

/**
 * Adds a checked file to this year's record, creating a draft when there is none yet, and claims
 * its object in the same transaction. Refused (false) once the list is full, the application is
 * under review or decided, or the object is attached already.
 */
async function attachFile(input: Parameters<InspectionStore['attachFile']>[0]): Promise<boolean> {
  const append = {
    TableName: config.tableName,
    Key: keys.inspection(input.memberNo, input.year),
    UpdateExpression: [
      'SET id = if_not_exists(id, :id)',
      'memberNo = if_not_exists(memberNo, :memberNo)',
      '#year = if_not_exists(#year, :year)',
      'kind = if_not_exists(kind, :kind)',
      '#status = if_not_exists(#status, :draft)',
      'associationCode = if_not_exists(associationCode, :association)',
      'memberName = if_not_exists(memberName, :memberName)',
      'entity = :entity',
      '#list = list_append(if_not_exists(#list, :empty), :file)',
      '#version = if_not_exists(#version, :zero) + :one',
    ].join(', '),
    ConditionExpression: 'attribute_not_exists(PK) OR (#status IN (:draft, :returned, :revoked) AND (attribute_not_exists(#list) OR size(#list) < :max))',
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#year': 'year', '#list': FILE_LISTS[input.purpose] },
    ExpressionAttributeValues: {
      ':id': inspectionId(input.memberNo, input.year),
      ':memberNo': input.memberNo,
      ':year': input.year,
      ':kind': input.purpose,
      ':draft': 'draft',
      ':returned': 'returned',
      ':revoked': 'revoked',
      ':association': input.associationCode,
      ':memberName': input.memberName,
      ':entity': 'inspection',
      ':empty': [],
      ':file': [input.file],
      ':zero': 0,
      ':one': 1,
      ':max': input.maxFiles,
    },
  }
  const failed = await transactNamed([
    ['record', { Update: append }],
    ['claim', uploadClaimPut(input.file.key)],
  ])
  return failed.length === 0
}

/** Removes one file and its object's claim, provided it is still where it was read and the application may still change. */
async function removeFile(record: InspectionRecord, purpose: MaterialPurpose, fileId: string) {
  const files = filesOf(record, purpose)
  const index = files.findIndex((file) => file.fileId === fileId)
  if (index < 0) return false
  await transact([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.inspection(record.memberNo, record.year),
        UpdateExpression: `REMOVE #list[${index}] SET #version = #version + :one`,
        ConditionExpression: `#list[${index}].fileId = :fileId AND #version = :expected AND #status IN (:draft, :returned, :revoked)`,
        ExpressionAttributeNames: { '#list': FILE_LISTS[purpose], '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: {
          ':fileId': fileId,
          ':expected': record.version,
          ':one': 1,
          ':draft': 'draft',
          ':returned': 'returned',
          ':revoked': 'revoked',
        },
      },
    },
    uploadClaimDelete(files[index]!.key),
  ])
  return true
}

const storedInfo = deferred(() =>
  z.object({
    info: MemberInfo.nullable().default(null),
    savedAt: z.string().nullable().default(null),
    draft: MemberInfoDraft.nullable().default(null),
    // Items written before 完善信息 counted versions (the demo data's saved information) read as 0.
    version: z.number().default(0),
  }),
)

function savedInfo(item: Record<string, unknown> | undefined) {
  const { info, savedAt, draft, version } = storedInfo.parse(item ?? {})
  return { saved: info, savedAt, draft, version }
}

/** One write of 完善信息 (`set`, then `remove` when given), only over `expectedVersion` (0: no version written yet). */
async function writeInfo(memberNo: string, expectedVersion: number, set: string, values: Record<string, unknown>, remove?: string) {
  const result = await staleOnConflict(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.memberInfo(memberNo),
        UpdateExpression: `SET ${set}, entity = :entity ADD #version :one${remove ? ` REMOVE ${remove}` : ''}`,
        ConditionExpression: expectedVersion ? '#version = :expected' : 'attribute_not_exists(#version)',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ...values, ':entity': 'member-info', ':one': 1, ...(expectedVersion ? { ':expected': expectedVersion } : {}) },
        ReturnValues: 'ALL_NEW',
      }),
    ),
  )
  return savedInfo(result.Attributes)
}

export const dynamoMemberInfo: MemberInfoStore = {
  async read(memberNo) {
    const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.memberInfo(memberNo), ConsistentRead: true }))
    return savedInfo(result.Item)
  },
  saveDraft: (memberNo, draft, at, expectedVersion) => writeInfo(memberNo, expectedVersion, 'draft = :draft, draftAt = :at', { ':draft': draft, ':at': at }),
  save: (memberNo, info, at, expectedVersion) =>
    writeInfo(memberNo, expectedVersion, 'info = :info, savedAt = :at', { ':info': info, ':at': at }, 'draft, draftAt'),
}

export const dynamoInspections: InspectionStore = {
  get: getInspection,
  list: listInspections,
  submit,
  decide,
  correct,
  attachFile,
  removeFile,
  trail: (id) => listTrail(keys.inspectionTrail(id)),
}
