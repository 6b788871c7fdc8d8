import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local-settings'

function sources(dir: string): [path: string, text: string][] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name)
      return [relative(ROOT, path), readFileSync(path, 'utf8')]
    })
}

const backend = [...sources('functions'), ...sources('shared')]
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
const where = (pattern: RegExp, files = backend) => files.filter(([, text]) => pattern.test(code(text))).map(([path]) => path)

// The layer rules themselves (which module may import which) are dependency-cruiser's: tests/unit/layers.test.ts.
describe('the backend keeps one way of doing each thing', () => {
  it('builds every table key and key prefix in `keys`', () => {
    expect(where(/[`'"][A-Z][A-Z_]{2,}#/).filter((path) => path !== 'functions/adapters/dynamo.ts')).toEqual([])
  })

  it('decides a pending item only through decidePending', () => {
    expect(where(/#status = :pending AND/)).toEqual(['functions/adapters/pending.ts'])
  })

  it('parses stored items instead of casting them', () => {
    expect(where(/as unknown as/).filter((path) => !path.startsWith('functions/local/'))).toEqual([])
  })

  it('lets use cases word messages: adapters throw no AppError and know no HTTP status', () => {
    expect(
      where(
        /AppError|changedMeanwhile|statusOf/,
        backend.filter(([path]) => path.startsWith('functions/adapters/')),
      ),
    ).toEqual([])
  })

  it('reads the time from the injected clock in use cases', () => {
    // A signed request's replay window is wire protocol: it is checked against the real time its sender signed with.
    const wireProtocol = ['functions/usecases/education-import.ts']
    expect(
      where(
        /new Date\(\)|Date\.now\(\)/,
        backend.filter(([path]) => path.startsWith('functions/usecases/')),
      ),
    ).toEqual(wireProtocol)
  })
})
