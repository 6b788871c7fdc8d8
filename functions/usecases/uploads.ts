import type { FileStore, FileType, PresignedUpload, UploadRefusal, UploadRules } from '../ports/files'
import { AppError } from './errors'

/** The form field an upload belongs to: its Chinese name for messages and its key in fieldErrors. */
export interface UploadField {
  label: string
  field: string
}

const describeTypes = (types: readonly FileType[]) => types.map((type) => type.extension).join('、')
const describeSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB` : `${Math.round(bytes / 1024)}KB`)

function refusalMessage(refusal: UploadRefusal, rules: UploadRules & UploadField) {
  switch (refusal) {
    case 'not-uploaded':
      return `${rules.label}未上传成功，请重新上传`
    case 'attached-already':
      return `${rules.label}已添加过，同一文件只能添加一次`
    case 'empty':
      return `${rules.label}为空文件，请重新选择`
    case 'too-large':
      return `${rules.label}大小须在${describeSize(rules.maxBytes)}以内，请重新上传`
    case 'wrong-type':
      return `${rules.label}须为${describeTypes(rules.allowedTypes)}格式，该文件内容不符，请重新上传`
  }
}

const refused = (refusal: UploadRefusal, rules: UploadRules & UploadField) => {
  const message = refusalMessage(refusal, rules)
  return new AppError(refusal === 'attached-already' ? 'CONFLICT' : 'VALIDATION_FAILED', message, { [rules.field]: message })
}

/** A direct upload for a file the member chose, if the field takes its type. */
export function presignFor(files: FileStore, options: UploadRules & { keyPrefix: string; contentType: string }): Promise<PresignedUpload> {
  const type = options.allowedTypes.find((candidate) => candidate.mime === options.contentType)
  if (!type) throw new AppError('VALIDATION_FAILED', `仅支持${describeTypes(options.allowedTypes)}格式的文件`)
  return files.presignUpload({ keyPrefix: options.keyPrefix, type, maxBytes: options.maxBytes })
}

/** The uploaded object itself checked against the field's rules, or a message naming the field. */
export async function acceptedUpload(files: FileStore, key: string, rules: UploadRules & UploadField): Promise<{ type: FileType; size: number }> {
  const check = await files.checkUpload(key, rules)
  if (!check.accepted) throw refused(check.refusal, rules)
  return check
}

/** Attaches checked uploads through `write`; a file attached elsewhere already is a 409 naming its field. */
export async function attachEach<T>(
  files: FileStore,
  uploads: readonly (UploadField & { key: string })[],
  write: (attachedKeys: string[]) => Promise<T>,
): Promise<T> {
  const outcome = await files.attach(
    uploads.map((upload) => upload.key),
    write,
  )
  if ('attached' in outcome) return outcome.attached
  const taken = uploads.find((upload) => upload.key === outcome.attachedAlready)!
  throw refused('attached-already', { ...taken, maxBytes: 0, allowedTypes: [] })
}
