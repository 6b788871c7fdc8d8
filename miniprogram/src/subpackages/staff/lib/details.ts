import type { ComponentType } from 'react'
import type { ApprovalKind } from '@shared/approvals'
import { AdmissionReview } from '../admission/AdmissionReview'
import { GoodStandingReview } from '../good-standing/GoodStandingReview'
import { HoursClaimReview } from '../hours-claim/HoursClaimReview'
import { FeeReview } from '../inspection/fee/FeeReview'
import { InspectionReview } from '../inspection/review/InspectionReview'
import type { DetailProps } from './detail-page'

/** Each kind's detail, for the desk where it shows beside the table (phones open APPROVAL_DETAIL_PAGES instead). */
export const APPROVAL_DETAILS: Record<ApprovalKind, ComponentType<DetailProps>> = {
  admission: AdmissionReview,
  inspection: InspectionReview,
  deferral: InspectionReview,
  fee_confirmation: FeeReview,
  output_hours: HoursClaimReview,
  exemption_hours: HoursClaimReview,
  good_standing: GoodStandingReview,
}
