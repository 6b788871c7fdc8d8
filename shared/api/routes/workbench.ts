import { STAFF, type RouteDef } from '../route-def'
import { InboxKindParams, InboxResponse } from '../schemas'
import {
  FiguresQuery,
  FiguresResponse,
  HandledQuery,
  HandledResponse,
  InboxCountResponse,
  InboxFilter,
  InboxItemsQuery,
  InboxItemsResponse,
} from '../workbench-schemas'

/** The staff workbench: what waits (待办), what was decided (已办), batch passes, exports and figures. */
export const workbenchRoutes = {
  inbox: {
    method: 'GET',
    path: '/api/v1/staff/inbox',
    group: 'staff',
    access: STAFF,
    summary: '审批待办：按事项分类的待办数量',
    response: InboxResponse,
  },
  inboxItems: {
    method: 'GET',
    path: '/api/v1/staff/inbox/{kind}',
    group: 'staff',
    access: STAFF,
    summary: '某类待审批事项：分页、筛选（年度、状态、提交日期）与按会员编号/业务编号/姓名搜索',
    params: InboxKindParams,
    query: InboxItemsQuery,
    response: InboxItemsResponse,
  },
  inboxCount: {
    method: 'GET',
    path: '/api/v1/staff/inbox/{kind}/count',
    group: 'staff',
    access: STAFF,
    summary: '符合筛选条件的待审批事项数量（批量通过前确认）',
    params: InboxKindParams,
    query: InboxFilter,
    response: InboxCountResponse,
  },
  handled: {
    method: 'GET',
    path: '/api/v1/staff/handled',
    group: 'staff',
    access: STAFF,
    summary: '已办：本级按年度与处理结果的审批记录，可搜索',
    query: HandledQuery,
    response: HandledResponse,
  },
  figures: {
    method: 'GET',
    path: '/api/v1/staff/figures',
    group: 'staff',
    access: STAFF,
    summary: '年检统计：应检、已申请、通过、退回、暂缓、未申请、会费、学时达标',
    query: FiguresQuery,
    response: FiguresResponse,
  },
} as const satisfies Record<string, RouteDef>
