import type { RouteDef } from '../route-def'

/** 公众号找回密码与微信绑定 (issue 7) */
export const resetRoutes = {} as const satisfies Record<string, RouteDef>
