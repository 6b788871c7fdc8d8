import type * as z from 'zod'
import { fieldErrors } from '@shared/validation'

/** Checks a form against the same schema the server uses; returns the field messages, empty when valid. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { data?: z.output<S>; errors: Record<string, string> } {
  const result = schema.safeParse(values)
  return result.success ? { data: result.data, errors: {} } : { errors: fieldErrors(schema, result.error) }
}
