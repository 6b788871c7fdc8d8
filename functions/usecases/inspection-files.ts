import { randomUUID } from 'node:crypto'
import type { Materials } from '../../shared/api/inspection-schemas'
import { inspectionYearAt } from '../../shared/calendar'
import { MATERIAL_LIMITS, MATERIAL_PURPOSES, MATERIAL_TYPES_LABEL, materialContentType, type MaterialPurpose } from '../../shared/inspection'
import type { Caller } from '../auth/tokens'
import { FILE_TYPES, type FileStore } from '../ports/files'
import { filesOf, type InspectionRecord } from '../ports/inspections'
import { ownMember } from './credentials'
import { AppError, expectFresh, notFound } from './errors'
import { materialsOf, uploadsOf, type InspectionDeps } from './inspection'
import { acceptedUpload, attachEach, presignFor } from './uploads'

/** 申请材料 and 证明材料 alike: pdf, jpg, png, xls. */
export const MATERIAL_FILE_TYPES = [FILE_TYPES.pdf, FILE_TYPES.jpg, FILE_TYPES.png, FILE_TYPES.xls]

const keyPrefix = (memberNo: string, year: number, purpose: MaterialPurpose) => `inspection/${memberNo}/${year}/${purpose}`

function refuse(field: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { [field]: message })
}

const CLOSED_UPLOADS: Record<MaterialPurpose, string> = {
  inspection: '本协会年检申请无需上传材料',
  deferral: '本协会暂缓年检申请无需上传证明材料',
}

/** A section the member's association closed takes no files, whatever an old screen still shows. */
async function assertUploadsOpen(deps: InspectionDeps, associationCode: string, purpose: MaterialPurpose) {
  if (!(await uploadsOf(deps, associationCode))[purpose]) throw refuse('purpose', CLOSED_UPLOADS[purpose])
}

function assertChangeable(record: InspectionRecord | undefined) {
  if (record?.status === 'pending') throw new AppError('CONFLICT', '申请正在审核中，材料不能再修改')
  if (record?.status === 'passed') throw new AppError('CONFLICT', '本年度申请已办结，材料不能再修改')
}

/** A presigned POST for one more file, refused up front when the list is full or the file too big. */
export async function presignMaterial(deps: InspectionDeps, caller: Caller, body: { purpose: MaterialPurpose; fileName: string; size: number }) {
  const year = inspectionYearAt(deps.clock.now())
  const limits = MATERIAL_LIMITS[body.purpose]
  const [record, member] = await Promise.all([deps.inspections.get(caller.username, year), ownMember(deps.accounts, caller)])
  await assertUploadsOpen(deps, member.associationCode, body.purpose)
  assertChangeable(record)
  if (filesOf(record, body.purpose).length >= limits.maxFiles) throw refuse('fileName', `最多上传${limits.maxFiles}个附件`)
  if (body.size > limits.maxBytes) throw refuse('size', `单个附件大小不能超过${limits.sizeLabel}`)
  return presignFor(deps.files, {
    keyPrefix: keyPrefix(caller.username, year, body.purpose),
    maxBytes: limits.maxBytes,
    allowedTypes: MATERIAL_FILE_TYPES,
    contentType: materialContentType(body.fileName)!,
  })
}

export const materialLabel = (fileName: string) => `附件“${fileName}”`

/**
 * Accepts an uploaded material only when its size and first bytes are right and the bytes are the
 * type its name claims; anything refused is deleted, so it can never be attached.
 */
export async function verifyMaterialUpload(files: FileStore, key: string, fileName: string, maxBytes: number, field = 'key') {
  const label = materialLabel(fileName)
  const { type, size } = await acceptedUpload(files, key, { maxBytes, allowedTypes: MATERIAL_FILE_TYPES, label, field })
  if (type.mime !== materialContentType(fileName) || !key.endsWith(`.${type.extension}`)) {
    await files.delete(key)
    throw refuse(field, `${label}的内容与文件类型不符，仅支持${MATERIAL_TYPES_LABEL}格式`)
  }
  return { type, size }
}

/** Adds a checked upload to the year's application materials; a refused one is deleted. */
export async function attachMaterial(
  deps: InspectionDeps,
  caller: Caller,
  body: { purpose: MaterialPurpose; fileName: string; key: string },
): Promise<Materials> {
  const year = inspectionYearAt(deps.clock.now())
  const limits = MATERIAL_LIMITS[body.purpose]
  if (!body.key.startsWith(deps.files.pendingPrefix(keyPrefix(caller.username, year, body.purpose)))) throw notFound('附件')
  const member = await ownMember(deps.accounts, caller)
  try {
    await assertUploadsOpen(deps, member.associationCode, body.purpose)
  } catch (error) {
    await deps.files.delete(body.key)
    throw error
  }
  const { size, type } = await verifyMaterialUpload(deps.files, body.key, body.fileName, limits.maxBytes)
  try {
    await attachEach(deps.files, [{ key: body.key, label: materialLabel(body.fileName), field: 'key' }], async ([key]) => {
      const file = { fileId: randomUUID(), key: key!, name: body.fileName, size, contentType: type.mime }
      const input = {
        memberNo: member.memberNo,
        year,
        memberName: member.name,
        associationCode: member.associationCode,
        purpose: body.purpose,
        file,
        maxFiles: limits.maxFiles,
      }
      if (await deps.inspections.attachFile(input)) return
      assertChangeable(await deps.inspections.get(member.memberNo, year))
      throw refuse('key', `最多上传${limits.maxFiles}个附件`)
    })
  } catch (error) {
    await deps.files.delete(body.key)
    throw error
  }
  return materialsOf(deps, await deps.inspections.get(member.memberNo, year))
}

export async function removeMaterial(deps: InspectionDeps, caller: Caller, fileId: string): Promise<Materials> {
  const record = await deps.inspections.get(caller.username, inspectionYearAt(deps.clock.now()))
  const purpose = MATERIAL_PURPOSES.find((candidate) => filesOf(record, candidate).some((file) => file.fileId === fileId))
  if (!record || !purpose) throw notFound('附件')
  assertChangeable(record)
  const file = filesOf(record, purpose).find((candidate) => candidate.fileId === fileId)!
  await expectFresh(deps.inspections.removeFile(record, purpose, fileId))
  await deps.files.delete(file.key)
  return materialsOf(deps, await deps.inspections.get(caller.username, record.year))
}
