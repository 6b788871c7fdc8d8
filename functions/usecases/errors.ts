import type { ErrorCode } from '../../shared/errors'
import { StaleWrite } from '../ports/outcomes'

/**
 * A failure the caller should see, worded by the use case that knows what was being done. Its code
 * picks the HTTP status (functions/http/errors.ts); the message is Chinese and for the user.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message)
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`)
export const forbidden = () => new AppError('FORBIDDEN', '无权访问该数据')
export const changedMeanwhile = () => new AppError('CONFLICT', '该记录已被他人修改，请刷新后重试')

/** Waits for an adapter's conditional write; losing it (StaleWrite) becomes a 409 with `message`. */
export async function expectFresh<T>(write: Promise<T>, message?: string): Promise<T> {
  try {
    return await write
  } catch (error) {
    if (error instanceof StaleWrite) throw message ? new AppError('CONFLICT', message) : changedMeanwhile()
    throw error
  }
}
