import { deferred } from './deferred'
import * as z from 'zod'

/** Machine-readable error codes; the client branches on these, users read `message`. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'CAPTCHA_INVALID',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The one error body every route answers with. */
export const ErrorBody = deferred(() =>
  z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.string()).optional(),
  }),
)
export type ErrorBody = z.infer<typeof ErrorBody>
