import { randomUUID } from 'node:crypto'
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import type { Materials } from '../../shared/api/inspection-schemas'
import {
  currentInspectionYear,
  MATERIAL_LIMITS,
  MATERIAL_PURPOSES,
  MATERIAL_TYPES_LABEL,
  materialContentType,
  type MaterialPurpose,
} from '../../shared/inspection'
import { attachFile, filesOf, getInspection, removeFile, type InspectionRecord } from '../adapters/inspection-dynamo'
import { s3 } from '../adapters/s3'
import { FILE_TYPES, presignUpload, verifyUpload } from '../adapters/uploads'
import type { Caller } from '../auth/tokens'
import { config } from '../config'
import { AppError, notFound } from '../http/errors'
import { materialsOf, memberOf } from './inspection'

const ALLOWED_TYPES = [FILE_TYPES.pdf, FILE_TYPES.jpg, FILE_TYPES.png, FILE_TYPES.xls]

const keyPrefix = (memberNo: string, year: number, purpose: MaterialPurpose) => `inspection/${memberNo}/${year}/${purpose}`

function refuse(field: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, { [field]: message })
}

function assertChangeable(record: InspectionRecord | undefined) {
  if (record?.status === 'pending') throw new AppError('CONFLICT', '申请正在审核中，材料不能再修改')
  if (record?.status === 'passed') throw new AppError('CONFLICT', '本年度申请已办结，材料不能再修改')
}

/** A presigned POST for one more file, refused up front when the list is full or the file too big. */
export async function presignMaterial(caller: Caller, body: { purpose: MaterialPurpose; fileName: string; size: number }) {
  const year = currentInspectionYear()
  const limits = MATERIAL_LIMITS[body.purpose]
  const record = await getInspection(caller.username, year)
  assertChangeable(record)
  if (filesOf(record, body.purpose).length >= limits.maxFiles) throw refuse('fileName', `最多上传${limits.maxFiles}个附件`)
  if (body.size > limits.maxBytes) throw refuse('size', `单个附件大小不能超过${limits.sizeLabel}`)
  return presignUpload({
    keyPrefix: keyPrefix(caller.username, year, body.purpose),
    maxBytes: limits.maxBytes,
    allowedTypes: ALLOWED_TYPES,
    contentType: materialContentType(body.fileName)!,
  })
}

async function deleteObject(key: string) {
  await s3().send(new DeleteObjectCommand({ Bucket: config.bucketName, Key: key }))
}

/**
 * Checks what actually arrived in S3 (size, first bytes, and that the bytes are the type the name
 * claims) before the file joins the application; anything refused is deleted.
 */
export async function attachMaterial(caller: Caller, body: { purpose: MaterialPurpose; fileName: string; key: string }): Promise<Materials> {
  const year = currentInspectionYear()
  const limits = MATERIAL_LIMITS[body.purpose]
  if (!body.key.startsWith(`${keyPrefix(caller.username, year, body.purpose)}/`)) throw notFound('附件')
  const member = await memberOf(caller)
  const label = `附件“${body.fileName}”`
  const { type, size } = await verifyUpload(body.key, { maxBytes: limits.maxBytes, allowedTypes: ALLOWED_TYPES, label, field: 'key' })
  if (type.mime !== materialContentType(body.fileName) || !body.key.endsWith(`.${type.extension}`)) {
    await deleteObject(body.key)
    throw refuse('key', `${label}的内容与文件类型不符，仅支持${MATERIAL_TYPES_LABEL}格式`)
  }
  const attached = await attachFile({
    memberNo: member.memberNo,
    year,
    memberName: member.name,
    associationCode: member.associationCode,
    purpose: body.purpose,
    file: { fileId: randomUUID(), key: body.key, name: body.fileName, size, contentType: type.mime },
    maxFiles: limits.maxFiles,
  })
  const record = await getInspection(member.memberNo, year)
  if (!attached) {
    await deleteObject(body.key)
    assertChangeable(record)
    throw refuse('key', `最多上传${limits.maxFiles}个附件`)
  }
  return materialsOf(record)
}

export async function removeMaterial(caller: Caller, fileId: string): Promise<Materials> {
  const record = await getInspection(caller.username, currentInspectionYear())
  const purpose = MATERIAL_PURPOSES.find((candidate) => filesOf(record, candidate).some((file) => file.fileId === fileId))
  if (!record || !purpose) throw notFound('附件')
  assertChangeable(record)
  const file = filesOf(record, purpose).find((candidate) => candidate.fileId === fileId)!
  await removeFile(record, purpose, fileId)
  await deleteObject(file.key)
  return materialsOf(await getInspection(caller.username, record.year))
}
