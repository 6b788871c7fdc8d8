import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PHOTO_MAX_BYTES } from '../../shared/api/admission-schemas'
import { CODE_LENGTH, ResetVerifyCodeRequest } from '../../shared/api/reset-schemas'
import { ROOT } from '../../scripts/local-settings'

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  )
}

const read = (path: string) => readFileSync(path, 'utf8')

describe('reset code length', () => {
  it('is CODE_LENGTH on both sides: no 6 written for it in the schema, the use case or the page', () => {
    const sources = [
      `${ROOT}/shared/api/reset-schemas.ts`,
      `${ROOT}/shared/api/routes/reset.ts`,
      `${ROOT}/functions/usecases/reset.ts`,
      ...files(`${ROOT}/miniprogram/src/subpackages/reset`),
    ]
    const repeated = sources.flatMap((path) =>
      [...read(path).matchAll(/\\d\{6\}|6位|padStart\(6|maxLength=\{6\}|length !== 6|1_000_000/g)].map((hit) => `${relative(ROOT, path)}: ${hit[0]}`),
    )
    expect(repeated).toEqual([])
  })

  it('is what the schema accepts', () => {
    const code = (length: number) => ResetVerifyCodeRequest.safeParse({ resetId: 'r'.repeat(16), code: '7'.repeat(length) }).success
    expect([code(CODE_LENGTH - 1), code(CODE_LENGTH), code(CODE_LENGTH + 1)]).toEqual([false, true, false])
  })
})

describe('toast durations', () => {
  it('come from TOAST_MS (miniprogram/src/lib/toast.ts), not from numbers in each page', () => {
    const literal = files(`${ROOT}/miniprogram/src`).flatMap((path) =>
      [...read(path).matchAll(/duration: \d+/g)].map((hit) => `${relative(ROOT, path)}: ${hit[0]}`),
    )
    expect(literal).toEqual([])
  })
})

describe('admission photo limit', () => {
  const form = `${ROOT}/miniprogram/src/subpackages/admission/form`

  it('is PHOTO_MAX_BYTES: the form writes no size of its own', () => {
    const sizes = files(form).flatMap((path) => [...read(path).matchAll(/\d+ ?[KM]B/g)].map((hit) => `${relative(ROOT, path)}: ${hit[0]}`))
    expect(sizes).toEqual([])
    // The form words the limit in whole megabytes.
    expect(PHOTO_MAX_BYTES % (1024 * 1024)).toBe(0)
  })
})
