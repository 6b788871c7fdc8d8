/**
 * Masking rules for personal data shown on screens and to verifiers. ID numbers are never shown
 * in full to the member's own screens either: a phone is lost more easily than a wallet.
 */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  return chars[0] + '*'.repeat(chars.length - 1)
}

export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length)
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@')
  if (at <= 0) return maskPhone(email)
  const local = email.slice(0, at)
  const visible = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2)
  return `${visible}***${email.slice(at)}`
}
