/** The annual-inspection screens (a subpackage: they load when a member first opens one). */
export const INSPECTION_PAGES = {
  apply: '/subpackages/inspection/apply/index',
  info: '/subpackages/inspection/info/index',
  deferral: '/subpackages/inspection/deferral/index',
  success: '/subpackages/inspection/success/index',
  paySimulator: '/subpackages/inspection/pay-sim/index',
  messages: '/subpackages/inspection/messages/index',
  message: '/subpackages/inspection/message/index',
  history: '/subpackages/inspection/history/index',
  detail: '/subpackages/inspection/detail/index',
  staffReview: '/subpackages/staff/inspection/review/index',
  staffNotice: '/subpackages/staff/inspection/notice/index',
  staffFee: '/subpackages/staff/inspection/fee/index',
} as const
