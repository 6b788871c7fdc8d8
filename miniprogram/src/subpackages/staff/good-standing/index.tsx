import { DetailPage } from '../lib/detail-page'
import { GoodStandingReview } from './GoodStandingReview'

export default function GoodStandingReviewPage() {
  return <DetailPage roles={['cicpa_staff']} detail={GoodStandingReview} />
}
