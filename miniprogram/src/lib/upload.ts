import Taro from '@tarojs/taro'
import type { PHOTO_TYPES, PresignedUpload } from '@shared/api/admission-schemas'
import { MATERIAL_CONTENT_TYPES, MATERIAL_TYPES_LABEL, materialContentType } from '@shared/inspection'
import { requirePrivacyAgreement } from './privacy'

export interface ChosenFile {
  /** A temp path (WeChat) or blob URL (H5) that Taro.uploadFile accepts. */
  path: string
  name: string
  size: number
}

const EXTENSIONS = Object.keys(MATERIAL_CONTENT_TYPES)

/**
 * Picks one document: WeChat offers files from chats (chooseMessageFile), H5 browsers the system
 * file picker. Resolves null when the user cancels or does not agree to the privacy guide.
 */
export async function chooseDocument(): Promise<ChosenFile | null> {
  if (!(await requirePrivacyAgreement())) return null
  if (process.env.TARO_ENV !== 'h5') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS })
      .then(({ tempFiles }) => (tempFiles[0] ? { path: tempFiles[0].path, name: tempFiles[0].name, size: tempFiles[0].size } : null))
      .catch(() => null)
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = EXTENSIONS.map((extension) => `.${extension}`).join(',')
    input.onchange = () => {
      const file = input.files?.[0]
      resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null)
    }
    input.click()
  })
}

/** Picks one photo from the album or the camera, compressed. Resolves null when the user cancels or does not agree to the privacy guide. */
export async function choosePhoto(): Promise<(ChosenFile & { contentType: (typeof PHOTO_TYPES)[number] }) | null> {
  if (!(await requirePrivacyAgreement())) return null
  return Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    .then(({ tempFiles }) => {
      const file = tempFiles[0]
      if (!file) return null
      // H5 says the picked file's type; WeChat gives only a temp path.
      const declared = (file as { type?: string }).type ?? ''
      const png = declared === 'image/png' || /\.png$/i.test(file.path)
      return { path: file.path, name: png ? 'photo.png' : 'photo.jpg', size: file.size, contentType: png ? 'image/png' : 'image/jpeg' } as const
    })
    .catch(() => null)
}

/** Why a chosen document cannot be uploaded (checked again by the server), or null. */
export function documentProblem(file: ChosenFile, limits: { maxBytes: number; sizeLabel: string }): string | null {
  if (!materialContentType(file.name)) return `仅支持${MATERIAL_TYPES_LABEL}格式的文件`
  if (file.size > limits.maxBytes) return `单个附件大小不能超过${limits.sizeLabel}`
  return null
}

/** Posts a chosen file straight to S3 with the presigned form the server issued, reporting progress in percent. */
export function uploadPresigned(presigned: PresignedUpload, file: ChosenFile, onProgress: (percent: number) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: presigned.url,
      filePath: file.path,
      name: 'file',
      fileName: file.name,
      formData: presigned.fields,
      // A presigned POST needs no cookies, and the bucket's CORS answers any origin ('*'), which browsers refuse with credentials.
      withCredentials: false,
      success: (result) => (result.statusCode < 300 ? resolve() : reject(new Error(String(result.statusCode)))),
      fail: reject,
    } as Parameters<typeof Taro.uploadFile>[0])
    task.progress(({ progress }) => onProgress(progress))
  })
}

export const fileSizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)
