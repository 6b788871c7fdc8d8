import { deferred } from '../deferred'
import * as z from 'zod'
import { MATERIAL_TYPES_LABEL, materialContentType } from '../inspection'
import { labelled } from '../validation'

/** A material's file name: its extension decides the content type the upload must have. */
export const MaterialFileName = deferred(() =>
  labelled(z.string().trim().min(1).max(120), '文件名').refine((name) => materialContentType(name) !== null, `仅支持${MATERIAL_TYPES_LABEL}格式的文件`),
)

/**
 * The size the phone reports for a file of at most `limit`, checked before anything is uploaded
 * (and again after). The bound comes before `int()`, whose own bound is zod's safe-integer range.
 */
export const uploadSize = (limit: { maxBytes: number; sizeLabel: string }) =>
  labelled(z.number().min(1, '文件为空，请重新选择').max(limit.maxBytes, `单个附件大小不能超过${limit.sizeLabel}`).int('文件大小须为整数'), '文件大小')
