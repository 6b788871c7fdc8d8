import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local-settings'

const CONFIG = join(ROOT, '.dependency-cruiser.cjs')
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise')

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

function cruise(cwd: string): Violation[] {
  const output = execFileSync(DEPCRUISE, ['functions', 'shared', 'miniprogram', '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(output).summary.violations
}

/** A throwaway tree with the project's folder names: the rules are about paths, not about this repo's files. */
function plantedTree(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'))
  writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions":{"module":"ESNext","moduleResolution":"Bundler"}}')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  planted.push(dir)
  return dir
}
const planted: string[] = []
afterAll(() => {
  for (const dir of planted) rmSync(dir, { recursive: true, force: true })
})

describe('the layer check', () => {
  it('refuses each kind of planted violation', () => {
    const dir = plantedTree({
      'functions/adapters/store.ts': "import { notFound } from '../http/errors'\nexport const store = notFound\n",
      'functions/http/errors.ts': 'export const notFound = 1\n',
      'functions/usecases/decide.ts':
        "import { store } from '../adapters/store'\nimport { DynamoDBClient } from '@aws-sdk/client-dynamodb'\nexport const decide = [store, DynamoDBClient]\n",
      'functions/ports/store.ts': "import { store } from '../adapters/store'\nexport type Store = typeof store\n",
      'shared/rule.ts': "import { readFileSync } from 'node:fs'\nexport const rule = readFileSync\n",
      'miniprogram/src/pages/page.ts': "import { decide } from '../../../functions/usecases/decide'\nexport const page = decide\n",
    })
    const broken = cruise(dir).map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)
    expect(broken).toEqual(
      expect.arrayContaining([
        'adapters-serve-usecases: functions/adapters/store.ts → functions/http/errors.ts',
        'usecases-see-ports: functions/usecases/decide.ts → functions/adapters/store.ts',
        expect.stringMatching(/^usecases-see-ports: functions\/usecases\/decide\.ts → .*@aws-sdk\/client-dynamodb/),
        'ports-are-contracts: functions/ports/store.ts → functions/adapters/store.ts',
        'shared-is-pure-core: shared/rule.ts → fs',
        'miniprogram-calls-the-api: miniprogram/src/pages/page.ts → functions/usecases/decide.ts',
      ]),
    )
  })

  it('passes on the project itself', () => {
    expect(cruise(ROOT)).toEqual([])
  })
})
