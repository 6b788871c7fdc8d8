/**
 * 缴费情况 of one inspection year (seed 003): 免会费 and 已确认 let the member apply; 去支付 asks
 * for payment first; 待确认 (an offline payment the member declared) waits for the local
 * association to confirm it.
 */
export const FEE_STATUSES = ['免会费', '去支付', '待确认', '已确认'] as const
export type FeeStatus = (typeof FEE_STATUSES)[number]

/** A member without a fee record for the year has not paid yet. */
export const UNPAID: FeeStatus = '去支付'

export function feeBlocker(status: FeeStatus): string | null {
  switch (status) {
    case '去支付':
      return '会费尚未缴纳，请先完成缴费'
    case '待确认':
      return '会费缴纳情况待所属注协确认，确认后方可申请年检'
    default:
      return null
  }
}

export const FEE_ALLOWS_APPLYING: readonly FeeStatus[] = ['免会费', '已确认']

/**
 * The yearly fee a non-practising member pays when the fee record names no amount. Local
 * associations set their own amounts on the member's fee record (`amountFen`).
 */
export const DEFAULT_ANNUAL_FEE_FEN = 30000

export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`
}

export const FEE_DECISIONS = ['confirm', 'reject'] as const
export type FeeDecision = (typeof FEE_DECISIONS)[number]
