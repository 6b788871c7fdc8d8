import Taro from '@tarojs/taro'

/** WeChat-only capabilities, with what an H5 browser can do instead. */
export function callPhone(phoneNumber: string) {
  const digits = phoneNumber.replace(/[^\d+]/g, '')
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = `tel:${digits}`
    return
  }
  void Taro.makePhoneCall({ phoneNumber: digits })
}
