import { DetailPage } from '../../lib/detail-page'
import { FeeReview } from './FeeReview'

export default function FeeConfirmationPage() {
  return <DetailPage roles={['local_staff']} detail={FeeReview} />
}
