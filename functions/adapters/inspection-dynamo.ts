import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { MemberInfo, MemberInfoDraft, MemberMessage } from '../../shared/api/inspection-schemas'
import type { TrailEntry } from '../../shared/api/schemas'
import type { InspectionWindow } from '../../shared/calendar'
import { FEE_ALLOWS_APPLYING } from '../../shared/fee'
import { INSPECTION_KIND_LABELS, inspectionId, type InspectionKind, type InspectionStatus, type MaterialPurpose } from '../../shared/inspection'
import { config } from '../config'
import { countAll, dynamo, isConditionFailure, keys, orConflict } from './dynamo'
import { STOP_WAITING, waitingFor } from './pending'
import { memberMessagePut, trailPut } from './trail'
import { uploadClaimDelete, uploadClaimPut } from './uploads'
import { clock } from './clock'

export interface StoredFile {
  fileId: string
  key: string
  name: string
  size: number
  contentType: string
}

export interface InspectionRecord {
  id: string
  memberNo: string
  year: number
  kind: InspectionKind
  status: InspectionStatus
  /** Bumped by every write: a write states the version it read. */
  version: number
  associationCode: string
  memberName: string
  submittedAt?: string
  decidedAt?: string
  returnReason?: string
  deferralReason?: string
  /** 申请材料 of the inspection application. */
  files: StoredFile[]
  /** 暂缓证明材料 of a deferral. */
  deferralFiles: StoredFile[]
}

const FILE_LISTS: Record<MaterialPurpose, 'files' | 'deferralFiles'> = { inspection: 'files', deferral: 'deferralFiles' }

export function filesOf(record: InspectionRecord | undefined, purpose: MaterialPurpose): StoredFile[] {
  return record ? record[FILE_LISTS[purpose]] : []
}

function toRecord(item: Record<string, unknown>): InspectionRecord {
  return {
    id: String(item.id),
    memberNo: String(item.memberNo),
    year: Number(item.year),
    kind: item.kind as InspectionKind,
    status: item.status as InspectionStatus,
    version: Number(item.version ?? 0),
    associationCode: String(item.associationCode),
    memberName: String(item.memberName),
    submittedAt: item.submittedAt as string | undefined,
    decidedAt: item.decidedAt as string | undefined,
    returnReason: item.returnReason as string | undefined,
    deferralReason: item.deferralReason as string | undefined,
    files: (item.files as StoredFile[] | undefined) ?? [],
    deferralFiles: (item.deferralFiles as StoredFile[] | undefined) ?? [],
  }
}

async function transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) {
  return orConflict(async () => {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }))
  })
}

export async function getInspection(memberNo: string, year: number): Promise<InspectionRecord | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.inspection(memberNo, year), ConsistentRead: true }))
  return result.Item ? toRecord(result.Item) : undefined
}

/** Every year's record of one member, newest year first. */
export async function listInspections(memberNo: string): Promise<InspectionRecord[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': 'INSPECTION#' },
      ScanIndexForward: false,
    }),
  )
  return (result.Items ?? []).map(toRecord)
}

/** How an inspection waits in its association's inbox: when submitted, and again when reopened. */
function waitingForReview(item: { memberNo: string; year: number; kind: InspectionKind; associationCode: string; memberName: string; submittedAt: string }) {
  return waitingFor(item.associationCode, item.kind, {
    id: inspectionId(item.memberNo, item.year),
    title: item.memberName,
    subtitle: `${item.year}年度${INSPECTION_KIND_LABELS[item.kind]} · ${item.memberNo}`,
    submittedAt: item.submittedAt,
  })
}

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
export async function submit(input: {
  memberNo: string
  year: number
  kind: InspectionKind
  associationCode: string
  memberName: string
  expectedVersion: number | undefined
  deferralReason?: string
  trail: TrailEntry
}) {
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
  const waitingSet = assignments(values, waitingForReview({ ...input, submittedAt: input.trail.at }))
  let set = [
    'id = :id', 'memberNo = :memberNo', '#year = :year', 'kind = :kind', '#status = :pending', 'associationCode = :association',
    'memberName = :memberName', 'entity = :entity', 'files = if_not_exists(files, :noFiles)',
    '#version = if_not_exists(#version, :zero) + :one', ...waitingSet,
  ]
  if (input.deferralReason !== undefined) {
    values[':deferralReason'] = input.deferralReason
    set = [...set, 'deferralReason = :deferralReason']
  }
  let condition = 'attribute_not_exists(PK)'
  if (input.expectedVersion !== undefined) {
    values[':expected'] = input.expectedVersion
    values[':draft'] = 'draft'
    values[':returned'] = 'returned'
    values[':revoked'] = 'revoked'
    condition = '#version = :expected AND #status IN (:draft, :returned, :revoked)'
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
  ])
}

/** A staff decision: only on the pending version the staff member reviewed; one of two racing decisions wins. */
export async function decide(input: { record: InspectionRecord; status: InspectionStatus; returnReason?: string; trail: TrailEntry; message: MemberMessage }) {
  const { record, trail, message } = input
  const values: Record<string, unknown> = { ':status': input.status, ':at': trail.at, ':pending': 'pending', ':expected': record.version, ':one': 1 }
  let set = '#status = :status, decidedAt = :at, #version = #version + :one'
  if (input.returnReason) {
    values[':reason'] = input.returnReason
    set += ', returnReason = :reason'
  }
  await transact([
    {
      Update: {
        TableName: config.tableName,
        Key: keys.inspection(record.memberNo, record.year),
        UpdateExpression: `SET ${set} ${STOP_WAITING}`,
        ConditionExpression: '#status = :pending AND #version = :expected',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: values,
      },
    },
    trailPut(keys.inspectionTrail(record.id), trail),
    memberMessagePut(record.memberNo, message),
  ])
}

/**
 * A staff correction of a decided item, only on the version (and status) the staff member looked
 * at, so it cannot overwrite a decision, resubmission or correction made meanwhile. Reopening puts
 * the item back into the association's inbox; a revocation keeps it out of every inbox, the member
 * acts next, told why by the trail entry's opinion. Trail entry and member message are written in
 * the same transaction.
 */
export async function correct(input: { record: InspectionRecord; status: 'pending' | 'revoked'; trail: TrailEntry; message: MemberMessage }) {
  const { record, trail, message } = input
  const values: Record<string, unknown> = { ':status': input.status, ':from': record.status, ':expected': record.version, ':one': 1 }
  let update: string
  if (input.status === 'pending') {
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
  ])
}

export async function listMessages(memberNo: string, limit = 50): Promise<MemberMessage[]> {
  const result = await dynamo().send(
    new QueryCommand({
      TableName: config.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': 'MESSAGE#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  )
  return (result.Items ?? []).map(({ id, title, node, unit, opinion, at, read, subject, subjectId }) => ({
    id, title, node, unit, opinion, at, read: read === true, subject: subject ?? 'inspection', subjectId,
  }))
}

export function countUnread(memberNo: string): Promise<number> {
  return countAll({
    TableName: config.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    FilterExpression: '#read = :unread',
    ExpressionAttributeNames: { '#read': 'read' },
    ExpressionAttributeValues: { ':pk': keys.member(memberNo).PK, ':prefix': 'MESSAGE#', ':unread': false },
  })
}

/** Marks one of the member's own messages read; false when there is no such message. */
export async function markRead(memberNo: string, messageId: string): Promise<boolean> {
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
}

/** An association's 年检 settings: its notice and the application windows it set, by 年检年度. */
export interface InspectionSettings {
  notice: string
  version: number
  windows: Record<number, InspectionWindow>
}

export async function readNotice(associationCode: string): Promise<InspectionSettings | undefined> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.inspectionNotice(associationCode), ConsistentRead: true }))
  if (!result.Item) return undefined
  return { notice: String(result.Item.notice), version: Number(result.Item.version ?? 0), windows: (result.Item.windows ?? {}) as Record<number, InspectionWindow> }
}

/**
 * Saves the settings over the version the editor read (0: none yet); a newer save in between is a
 * 409. The windows map is written whole: the version condition already rules out a lost update.
 */
export async function saveNotice(associationCode: string, settings: Omit<InspectionSettings, 'version'>, updatedBy: string, expectedVersion: number) {
  return orConflict(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: config.tableName,
        Key: keys.inspectionNotice(associationCode),
        UpdateExpression: 'SET notice = :notice, windows = :windows, updatedBy = :by, updatedAt = :at, entity = :entity, #version = :next',
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':notice': settings.notice,
          ':windows': settings.windows,
          ':by': updatedBy,
          ':at': clock.now().toISOString(),
          ':entity': 'notice',
          ':next': expectedVersion + 1,
          ...(expectedVersion === 0 ? {} : { ':expected': expectedVersion }),
        },
      }),
    ),
  )
}

/**
 * Adds a checked file to this year's record, creating a draft when there is none yet, and claims
 * its object in the same transaction. Refused (false) once the list is full, the application is
 * under review or decided, or the object is attached already.
 */
export async function attachFile(input: {
  memberNo: string
  year: number
  memberName: string
  associationCode: string
  purpose: MaterialPurpose
  file: StoredFile
  maxFiles: number
}): Promise<boolean> {
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
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [{ Update: append }, uploadClaimPut(input.file.key)] }))
    return true
  } catch (error) {
    if (isConditionFailure(error)) return false
    throw error
  }
}

/** Removes one file and its object's claim, provided it is still where it was read and the application may still change. */
export async function removeFile(record: InspectionRecord, purpose: MaterialPurpose, fileId: string) {
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
        ExpressionAttributeValues: { ':fileId': fileId, ':expected': record.version, ':one': 1, ':draft': 'draft', ':returned': 'returned', ':revoked': 'revoked' },
      },
    },
    uploadClaimDelete(files[index]!.key),
  ])
  return true
}

export async function readMemberInfo(memberNo: string): Promise<{ saved: MemberInfo | null; savedAt: string | null; draft: MemberInfoDraft | null }> {
  const result = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.memberInfo(memberNo), ConsistentRead: true }))
  return { saved: result.Item?.info ?? null, savedAt: result.Item?.savedAt ?? null, draft: result.Item?.draft ?? null }
}

/** The draft replaces the previous one whole: it is what the member's screen shows. */
export async function saveInfoDraft(memberNo: string, draft: MemberInfoDraft) {
  await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: keys.memberInfo(memberNo),
      UpdateExpression: 'SET draft = :draft, draftAt = :at, entity = :entity ADD #version :one',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':draft': draft, ':at': clock.now().toISOString(), ':entity': 'member-info', ':one': 1 },
    }),
  )
}

export async function saveInfo(memberNo: string, info: MemberInfo) {
  await dynamo().send(
    new UpdateCommand({
      TableName: config.tableName,
      Key: keys.memberInfo(memberNo),
      UpdateExpression: 'SET info = :info, savedAt = :at, entity = :entity ADD #version :one REMOVE draft, draftAt',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':info': info, ':at': clock.now().toISOString(), ':entity': 'member-info', ':one': 1 },
    }),
  )
}
