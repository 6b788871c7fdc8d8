import Taro from '@tarojs/taro'

/** Taro's own toast, a module apart so that lib/toast.ts loads it only when a toast shows on H5. */
export const showTaroToast = (options: Taro.showToast.Option) => Taro.showToast(options)
