import { deferred } from '../deferred'
import * as z from 'zod'
import { APPROVAL_KINDS } from '../approvals'
import { AssociationRef } from './schemas'

/** 每日待办摘要: what started waiting for the staff member's level the day before, made each morning by the reminders job. */
export const StaffDigest = deferred(() =>
  z.object({
    /** The China date it was made on. */
    date: z.string(),
    /** The China date whose new items it counts. */
    covers: z.string(),
    total: z.number().int(),
    categories: z.array(z.object({ kind: z.enum(APPROVAL_KINDS), label: z.string(), count: z.number().int() })),
  }),
)

export const StaffDigestsResponse = deferred(() => z.object({ scope: AssociationRef, items: z.array(StaffDigest) }))
export type StaffDigestsResponse = z.infer<typeof StaffDigestsResponse>
