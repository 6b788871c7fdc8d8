import { DetailPage } from '../lib/detail-page'
import { HoursClaimReview } from './HoursClaimReview'

export default function HoursClaimReviewPage() {
  return <DetailPage roles={['local_staff']} detail={HoursClaimReview} />
}
