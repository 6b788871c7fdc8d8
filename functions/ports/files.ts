/** A file type an upload may have, recognised by its first bytes rather than by its name or the header the browser sent. */
export interface FileType {
  extension: string
  mime: string
  /** Any one of these byte sequences at the start of the file identifies the type. */
  signatures: readonly (readonly number[])[]
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

export const FILE_TYPES = {
  jpg: { extension: 'jpg', mime: 'image/jpeg', signatures: [[0xff, 0xd8, 0xff]] },
  png: { extension: 'png', mime: 'image/png', signatures: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]] },
  pdf: { extension: 'pdf', mime: 'application/pdf', signatures: [ascii('%PDF-')] },
  /** Legacy Excel (OLE2 compound file). */
  xls: { extension: 'xls', mime: 'application/vnd.ms-excel', signatures: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]] },
  /** Office Open XML (a zip). */
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', signatures: [[0x50, 0x4b, 0x03, 0x04]] },
} as const satisfies Record<string, FileType>

export interface UploadRules {
  maxBytes: number
  allowedTypes: readonly FileType[]
}

export interface PresignedUpload {
  url: string
  fields: Record<string, string>
  key: string
  maxBytes: number
}

/** Why an uploaded object cannot be attached; the use case words it with the field's name. */
export type UploadRefusal = 'not-uploaded' | 'attached-already' | 'empty' | 'too-large' | 'wrong-type'

export type UploadCheck = { accepted: true; type: FileType; size: number } | { accepted: false; refusal: UploadRefusal }

/**
 * Where members' files live. Uploads land under a pending prefix and are dropped within a day
 * unless attached; one object is attached once (the attaching write claims it).
 */
export interface FileStore {
  /** Where uploads for `keyPrefix` land: an attach takes only keys under the caller's own one. */
  pendingPrefix(keyPrefix: string): string
  /** A short-lived direct upload of one object of `type`, within `maxBytes`. */
  presignUpload(upload: { keyPrefix: string; type: FileType; maxBytes: number }): Promise<PresignedUpload>
  /** Looks at an uploaded object itself (size, first bytes); a refused one is deleted. */
  checkUpload(key: string, rules: UploadRules): Promise<UploadCheck>
  /**
   * Moves checked uploads to their attached keys and runs `write` (which must claim each attached
   * key in its own conditional write). When an object is attached already, nothing is kept and
   * the answer names that pending key.
   */
  attach<T>(pendingKeys: readonly string[], write: (attachedKeys: string[]) => Promise<T>): Promise<{ attached: T } | { attachedAlready: string }>
  delete(key: string): Promise<void>
  /** A link to read one object for `DOWNLOAD_LINK_SECONDS`. */
  presignDownload(key: string): Promise<string>
}

export const DOWNLOAD_LINK_SECONDS = 5 * 60
