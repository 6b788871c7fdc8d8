import type { ErrorCode } from '../../shared/errors'

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  CAPTCHA_INVALID: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  ACCOUNT_LOCKED: 423,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

/** A failure the caller should see: its code picks the HTTP status, its message is for the user. */
export class AppError extends Error {
  readonly status: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message)
    this.status = STATUS_BY_CODE[code]
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在`)
export const forbidden = () => new AppError('FORBIDDEN', '无权访问该数据')
export const changedMeanwhile = () => new AppError('CONFLICT', '该记录已被他人修改，请刷新后重试')
