import Taro from '@tarojs/taro'
import { materialContentType } from '@shared/inspection'
import { showError } from '../api/client'

/** Opens an attachment through its short-lived link: images in the viewer, documents in the reader. */
export async function openAttachment(url: string, fileName: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  const contentType = materialContentType(fileName) ?? ''
  try {
    if (contentType.startsWith('image/')) {
      await Taro.previewImage({ urls: [url] })
      return
    }
    const { tempFilePath } = await Taro.downloadFile({ url })
    await Taro.openDocument({ filePath: tempFilePath, fileType: contentType === 'application/pdf' ? 'pdf' : 'xls', showMenu: true })
  } catch (error) {
    showError(error)
  }
}
