import Taro from '@tarojs/taro'
import { PRIMARY_COLOR } from './theme'

/**
 * Every question the app asks in a dialog: the platform's own modal, its confirm button in the
 * theme's blue everywhere (Taro's H5 modal would draw it green).
 */
export const askToConfirm = (options: Omit<Taro.showModal.Option, 'confirmColor'>) => Taro.showModal({ ...options, confirmColor: PRIMARY_COLOR })
