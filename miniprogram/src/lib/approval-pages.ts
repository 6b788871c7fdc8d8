import type { ApprovalKind } from '@shared/approvals'
import { EDUCATION_PAGES } from './education-pages'

/**
 * The staff detail page of each kind of approval item (opened with `?id=`). A kind appears here
 * once its feature has a review screen.
 */
export const APPROVAL_DETAIL_PAGES: Partial<Record<ApprovalKind, string>> = {
  inspection: '/subpackages/staff/inspection/review/index',
  deferral: '/subpackages/staff/inspection/review/index',
  fee_confirmation: '/subpackages/staff/inspection/fee/index',
  admission: '/subpackages/staff/admission/index',
  good_standing: '/subpackages/staff/good-standing/index',
  output_hours: EDUCATION_PAGES.staffClaim,
  exemption_hours: EDUCATION_PAGES.staffClaim,
}

export const STAFF_LIST_PAGE = '/subpackages/staff/list/index'
export const STAFF_HANDLED_PAGE = '/subpackages/staff/handled/index'
export const STAFF_EXPORTS_PAGE = '/subpackages/staff/exports/index'
export const STAFF_FIGURES_PAGE = '/subpackages/staff/figures/index'
