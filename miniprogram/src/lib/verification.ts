export const VERIFY_PAGE = '/pages/verify/index'

/** The signed token inside a scanned code: QR codes carry the verification page's URL with `t=`. */
export function tokenFromScan(scanned: string): string | null {
  const match = /[?&]t=([A-Za-z0-9_.-]+)/.exec(scanned)
  return match?.[1] ?? null
}
