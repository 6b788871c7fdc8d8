import type { RouteDef } from '../route-def'

/** 年检：完善信息、申请、缴费、材料、暂缓、退回、历史 (issue 4) */
export const inspectionRoutes = {} as const satisfies Record<string, RouteDef>
