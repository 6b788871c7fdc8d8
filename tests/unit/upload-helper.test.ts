import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local-settings'

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  )
}

describe('uploads in the mini-program', () => {
  it('pick and post files only through lib/upload.ts, so no screen keeps its own copy', () => {
    const helper = join(ROOT, 'miniprogram/src/lib/upload.ts')
    const copies = files(join(ROOT, 'miniprogram/src'))
      .filter((path) => path !== helper)
      .flatMap((path) =>
        [...readFileSync(path, 'utf8').matchAll(/Taro\.(uploadFile|chooseImage|chooseMessageFile)\b/g)].map((hit) => `${relative(ROOT, path)}: ${hit[0]}`),
      )
    expect(copies).toEqual([])
  })
})
