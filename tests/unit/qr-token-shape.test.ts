import { describe, expect, it } from 'vitest'
import { plausibleQrToken, QR_TOKEN_MAX_LENGTH } from '../../shared/qr-token'

describe('what the verification page sends to the server', () => {
  const real = `local-mgx1.${'e'.repeat(114)}.${'s'.repeat(86)}`

  it('lets a code of the issued shape through', () => {
    expect(plausibleQrToken(real)).toBe(true)
  })

  it('keeps an over-long or malformed code on the phone', () => {
    expect(plausibleQrToken(real + 'A'.repeat(100 * 1024))).toBe(false)
    expect(plausibleQrToken(`${real.slice(0, 20)}.${'x'.repeat(QR_TOKEN_MAX_LENGTH)}.sig`)).toBe(false)
    for (const malformed of ['garbage', 'a.b', 'a.b.c.d', 'a..c', 'a.b.c%E0', 'a.b.c<script>', 'a.b.c\n'])
      expect(plausibleQrToken(malformed), malformed).toBe(false)
  })
})
