import Taro from '@tarojs/taro'
import { TOAST_MS } from '../../../lib/toast'
import { DetailPage } from '../lib/detail-page'
import { AdmissionReview } from './AdmissionReview'

/** Once decided the application leaves this level's list: back to it when the result has been read. */
const backToList = () => setTimeout(() => void Taro.navigateBack(), TOAST_MS.result)

export default function AdmissionReviewPage() {
  return <DetailPage roles={['local_staff', 'cicpa_staff']} detail={AdmissionReview} onDecided={backToList} />
}
