import { deferred } from '../deferred'
import * as z from 'zod'
import { labelled } from '../validation'

/** The two files of one 个人信息导出: a readable summary and the complete data. */
export const PERSONAL_EXPORT_FILES = ['pdf', 'json'] as const
export type PersonalExportFile = (typeof PERSONAL_EXPORT_FILES)[number]

/** One export is one China day's (a member may export once a day): its id is that day, YYYY-MM-DD. */
export const PERSONAL_EXPORT_ID_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export const PERSONAL_EXPORT_STATUSES = ['building', 'ready', 'downloaded', 'expired', 'failed'] as const
export type PersonalExportStatus = (typeof PERSONAL_EXPORT_STATUSES)[number]

export const PersonalExport = deferred(() =>
  z.object({
    id: z.string(),
    createdAt: z.string(),
    status: z.enum(PERSONAL_EXPORT_STATUSES),
    statusLabel: z.string(),
    /** Until then each file may be downloaded, once. */
    expiresAt: z.string(),
    files: z.array(
      z.object({
        file: z.enum(PERSONAL_EXPORT_FILES),
        label: z.string(),
        fileName: z.string(),
        bytes: z.number().int(),
        downloadedAt: z.string().nullable(),
      }),
    ),
  }),
)
export type PersonalExport = z.infer<typeof PersonalExport>

export const PersonalExportsResponse = deferred(() =>
  z.object({
    items: z.array(PersonalExport),
    /** When the next export may be made; null: now. */
    nextAllowedAt: z.string().nullable(),
  }),
)

export const PersonalExportParams = deferred(() =>
  z.object({ id: labelled(z.string().regex(PERSONAL_EXPORT_ID_PATTERN, '导出记录编号格式不正确'), '导出记录') }),
)

export const PersonalExportDownloadRequest = deferred(() =>
  z.object({
    file: labelled(z.enum(PERSONAL_EXPORT_FILES, '请选择要下载的文件（PDF摘要或JSON数据）'), '下载文件'),
  }),
)

export const PersonalExportDownloadResponse = deferred(() =>
  z.object({
    /** A presigned GET of the file, valid `expiresAt`; the file cannot be asked for again. */
    url: z.string(),
    fileName: z.string(),
    expiresAt: z.string(),
  }),
)
