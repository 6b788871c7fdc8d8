import { deferred } from '../deferred'
import * as z from 'zod'
import { HOURS_SOURCES } from '../hours'
import { labelled } from '../validation'

/**
 * A year's continuing-education hours: what 学时查询 (education) shows and the 学时证明
 * (certificate) prints. Apart from the rest of the education contract so the certificate function
 * builds only these two schemas of it at start.
 */
export const HoursQuery = deferred(() => z.object({ year: labelled(z.coerce.number().int().min(2000).max(2100).optional(), '年度') }))

export const HoursReport = deferred(() =>
  z.object({
    year: z.number().int(),
    required: z.number(),
    done: z.number(),
    missing: z.number(),
    /** Hours the year's approved exemptions took off the requirement. */
    exempted: z.number(),
    bySource: z.array(z.object({ source: z.enum(HOURS_SOURCES), label: z.string(), hours: z.number() })),
    records: z.array(
      z.object({
        id: z.string(),
        source: z.enum(HOURS_SOURCES),
        title: z.string(),
        detail: z.string(),
        hours: z.number(),
        at: z.string(),
      }),
    ),
  }),
)
export type HoursReport = z.infer<typeof HoursReport>
