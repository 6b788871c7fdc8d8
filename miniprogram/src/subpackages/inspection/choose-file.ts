import Taro from '@tarojs/taro'
import { MATERIAL_CONTENT_TYPES } from '@shared/inspection'

export interface ChosenFile {
  /** A temp path (WeChat) or blob URL (H5) that Taro.uploadFile accepts. */
  path: string
  name: string
  size: number
}

const EXTENSIONS = Object.keys(MATERIAL_CONTENT_TYPES)

/**
 * Picks one document: WeChat offers files from chats (chooseMessageFile), H5 browsers the system
 * file picker. Resolves null when the user cancels.
 */
export function chooseDocument(): Promise<ChosenFile | null> {
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
