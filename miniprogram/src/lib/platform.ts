import Taro from '@tarojs/taro'

/** WeChat-only capabilities, with what an H5 browser can do instead. */

/**
 * The H5 build opened in WeChat's own browser (the official account's menu, a shared link), where
 * the JS-SDK (`wx.config`, then `wx.scanQRCode`, `wx.chooseWXPay`…) and web authorization work.
 */
export function insideWechatBrowser(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && navigator.userAgent.includes('MicroMessenger')
}
export function callPhone(phoneNumber: string) {
  const digits = phoneNumber.replace(/[^\d+]/g, '')
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = `tel:${digits}`
    return
  }
  void Taro.makePhoneCall({ phoneNumber: digits })
}

/**
 * 保存二维码到手机相册: in WeChat the PNG is written to the user data folder and saved to the album
 * (the user is asked for album permission the first time); in a browser it is downloaded.
 */
export async function saveImageToAlbum(pngDataUrl: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = pngDataUrl
    link.download = fileName
    link.click()
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, pngDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64')
  await Taro.saveImageToPhotosAlbum({ filePath })
}

/**
 * 扫一扫: WeChat's scanner; in H5, Taro calls the JS-SDK's `wx.scanQRCode`, which exists only
 * when `insideWechatBrowser()`. Resolves with what the code says.
 */
export async function scanQrCode(): Promise<string> {
  const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
  return result
}

/** Opens a downloaded PDF: WeChat's document viewer (which can forward or save it), or the browser's. */
export async function openPdf(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    link.target = '_blank'
    link.click()
    return
  }
  const { tempFilePath } = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true })
}
