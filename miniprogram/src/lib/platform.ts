import Taro from '@tarojs/taro'
import { requirePrivacyAgreement } from './privacy'
import { insideWechatBrowser } from './wechat-browser'
import { scanWithJssdk } from './wechat-jssdk'

/** WeChat-only capabilities, with what an H5 browser can do instead. */

export function callPhone(phoneNumber: string) {
  const digits = phoneNumber.replace(/[^\d+]/g, '')
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = `tel:${digits}`
    return
  }
  void Taro.makePhoneCall({ phoneNumber: digits })
}

/** The browser saves the file under this name (or, where it cannot, opens it: in a new tab when asked). */
export function downloadInBrowser(url: string, fileName: string, options: { newTab?: boolean } = {}) {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  if (options.newTab) link.target = '_blank'
  link.click()
}

/**
 * 保存二维码到手机相册: in WeChat the PNG is written to the user data folder and saved to the album
 * (the user is asked for album permission the first time); in a browser it is downloaded.
 */
export async function saveImageToAlbum(pngDataUrl: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    downloadInBrowser(pngDataUrl, fileName)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, pngDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
  await Taro.saveImageToPhotosAlbum({ filePath })
}

/** The browser's scan screen (camera preview, or a chosen photo), in its own subpackage with the decoder. */
const BROWSER_SCAN_PAGE = '/subpackages/scan/index/index'
/** What the scan screen hands back as it closes: the code's text, or null when closed without one. */
export const SCAN_RESULT_EVENT = 'scan:result'

/**
 * 扫一扫, wherever the app runs: WeChat's scanner in the mini-program, the JS-SDK's
 * `wx.scanQRCode` in the H5 page opened inside WeChat, and in any other browser the scan screen
 * (camera or a photo). Resolves with what the code says, or null when the user closed the scanner;
 * rejects with a message to show when scanning cannot work.
 */
export async function scanQrCode(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'h5') {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      return result
    } catch (error) {
      if (/cancel/.test((error as { errMsg?: string }).errMsg ?? '')) return null
      throw new Error('扫码失败，请重试')
    }
  }
  // The page turns on the camera (or reads a photo) itself: the privacy guide is agreed to first.
  if (!(await requirePrivacyAgreement())) throw new Error('需同意《用户隐私保护指引》后才能使用扫一扫')
  if (insideWechatBrowser()) return scanWithJssdk()
  return new Promise((resolve) => {
    Taro.eventCenter.once(SCAN_RESULT_EVENT, (scanned: string | null) => {
      // The scan screen answers as it closes: let the page below come back before the caller moves on.
      setTimeout(() => resolve(scanned), 0)
    })
    void Taro.navigateTo({ url: BROWSER_SCAN_PAGE })
  })
}

/**
 * Opens a downloaded document (a PDF, an .xlsx export): WeChat's document viewer, which can forward
 * or save it, or the browser's download.
 */
export async function openDocument(url: string, fileName: string, fileType: 'pdf' | 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    downloadInBrowser(url, fileName, { newTab: true })
    return
  }
  const { tempFilePath } = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: tempFilePath, fileType, showMenu: true })
}
