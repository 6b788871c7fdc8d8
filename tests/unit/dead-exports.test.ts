import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local-settings'

const SOURCE = /\.(ts|tsx|mjs|js)$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path)
    return SOURCE.test(entry.name) ? [path] : []
  })
}

const sources = new Map(
  ['functions', 'shared', 'miniprogram/src', 'miniprogram/config', 'tests', 'scripts', 'bench'].flatMap((dir) =>
    sourceFiles(join(ROOT, dir)).map((path) => [relative(ROOT, path), readFileSync(path, 'utf8')] as const),
  ),
)

describe('exports', () => {
  it('are all used somewhere: an export nothing mentions is dead code', () => {
    const mentions = new Map<string, number>()
    for (const text of sources.values()) for (const [word] of text.matchAll(/[A-Za-z_$][\w$]*/g)) mentions.set(word, (mentions.get(word) ?? 0) + 1)
    const dead: string[] = []
    for (const [file, text] of sources) {
      if (!/^(functions|shared|miniprogram\/src)\//.test(file)) continue
      for (const [, name] of text.matchAll(/^export (?:async )?(?:const|let|function|class|type|interface|enum) ([A-Za-z_]\w*)/gm)) {
        if (name && mentions.get(name) === 1) dead.push(`${file} ${name}`)
      }
    }
    expect(dead).toEqual([])
  })
})
