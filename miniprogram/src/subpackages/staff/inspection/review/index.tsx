import { DetailPage } from '../../lib/detail-page'
import { InspectionReview } from './InspectionReview'

export default function InspectionReviewPage() {
  return <DetailPage roles={['local_staff', 'cicpa_staff']} detail={InspectionReview} />
}
