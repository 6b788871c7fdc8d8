import {
  PersonalExport,
  PersonalExportDownloadRequest,
  PersonalExportDownloadResponse,
  PersonalExportParams,
  PersonalExportsResponse,
} from '../personal-export-schemas'
import { MEMBER, type RouteDef } from '../route-def'

/** 我的 → 个人信息导出: what the system holds about the signed-in member, for them alone. */
export const personalRoutes = {
  personalExports: {
    method: 'GET',
    path: '/api/v1/me/personal-exports',
    group: 'personal',
    access: MEMBER,
    summary: '个人信息导出记录（时间、状态、各文件是否已下载）',
    response: PersonalExportsResponse,
  },
  startPersonalExport: {
    method: 'POST',
    path: '/api/v1/me/personal-exports',
    group: 'personal',
    access: MEMBER,
    summary: '生成个人信息导出（JSON 全部数据 + PDF 摘要），每天一次；24 小时内每个文件可下载一次',
    response: PersonalExport,
  },
  downloadPersonalExport: {
    method: 'POST',
    path: '/api/v1/me/personal-exports/{id}/download',
    group: 'personal',
    access: MEMBER,
    summary: '下载个人信息导出的一个文件：记为已下载（仅一次），返回 60 秒内有效的下载链接',
    params: PersonalExportParams,
    body: PersonalExportDownloadRequest,
    response: PersonalExportDownloadResponse,
  },
} as const satisfies Record<string, RouteDef>
