import type { RouteDef } from '../route-def'

/** 入会申请、进度查询、会员编号查询与入会审核 (issue 3) */
export const admissionRoutes = {} as const satisfies Record<string, RouteDef>
