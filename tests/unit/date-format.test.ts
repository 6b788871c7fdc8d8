import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local-settings'
import { formatChinaDate, formatChinaTime } from '../../shared/china-time'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : []
  })
}

describe('dates people read', () => {
  it('are written one way, in China time, whatever the device: 2026-11-30 16:25', () => {
    expect(formatChinaTime('2026-11-30T08:25:00.000Z')).toBe('2026-11-30 16:25')
    // Late evening UTC is the next morning in China.
    expect(formatChinaDate('2026-11-30T17:00:00.000Z')).toBe('2026-12-01')
    expect(formatChinaTime(null)).toBe('—')
  })

  it('go through shared/china-time.ts: no screen or server formats them with the locale (2026/11/30 on one page, 2026-11-30 on the next)', () => {
    const localeFormatting = /\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat/
    const offenders = ['miniprogram/src', 'shared', 'functions']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((path) => localeFormatting.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path))
    expect(offenders).toEqual([])
  })
})
