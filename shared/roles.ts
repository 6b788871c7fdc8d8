/** Who logs in, as chosen on the login screen (seed 003: 用户类型). */
export const USER_TYPES = ['non_practising', 'cpa', 'staff'] as const
export type UserType = (typeof USER_TYPES)[number]

export const USER_TYPE_LABELS: Record<UserType, string> = {
  non_practising: '非执业会员',
  cpa: '注册会计师',
  staff: '协会工作人员',
}

/** What a signed-in user may do; every route declares which of these may call it. */
export const ROLES = ['member', 'local_staff', 'cicpa_staff'] as const
export type Role = (typeof ROLES)[number]
