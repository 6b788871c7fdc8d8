/** The continuing-education screens (a subpackage: they load when a member first opens one). */
export const EDUCATION_PAGES = {
  learn: '/subpackages/education/learn/index',
  course: '/subpackages/education/course/index',
  player: '/subpackages/education/player/index',
  hours: '/subpackages/education/hours/index',
  claims: '/subpackages/education/claims/index',
  outputClaim: '/subpackages/education/output/index',
  exemptionClaim: '/subpackages/education/exemption/index',
  claim: '/subpackages/education/claim/index',
  staffClaim: '/subpackages/staff/hours-claim/index',
} as const
