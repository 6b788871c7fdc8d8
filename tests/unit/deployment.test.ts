import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { routes } from '../../shared/api/contract'
import { DEPLOYED_FUNCTIONS, SCHEDULED_FUNCTIONS, WORKER_FUNCTIONS } from '../../shared/api/route-def'
import { ROOT } from '../../scripts/local-settings'

const serverless = parse(readFileSync(`${ROOT}/serverless.yml`, 'utf8'))

describe('serverless.yml', () => {
  it('deploys every contract route to the function of its group, and nothing else', () => {
    const deployed = new Set<string>()
    for (const [name, fn] of Object.entries<{ events?: { httpApi?: { method: string; path: string } | '*' }[] }>(serverless.functions)) {
      for (const { httpApi } of fn.events ?? []) {
        if (httpApi && httpApi !== '*') deployed.add(`${name} ${httpApi.method} ${httpApi.path}`)
      }
    }
    const expected = new Set(Object.values(routes).map((route) => `${route.group} ${route.method} ${route.path}`))
    expect(deployed).toEqual(expected)
  })

  it('has one function per route group and per worker, on nodejs22.x arm64', () => {
    expect(Object.keys(serverless.functions).sort()).toEqual([...DEPLOYED_FUNCTIONS].sort())
    for (const worker of WORKER_FUNCTIONS) expect(serverless.functions[worker].events, worker).toBeUndefined()
    for (const scheduled of SCHEDULED_FUNCTIONS) {
      expect(
        serverless.functions[scheduled].events.map((event: object) => Object.keys(event)),
        scheduled,
      ).toEqual([['schedule']])
    }
    expect(serverless.provider.runtime).toBe('nodejs22.x')
    expect(serverless.provider.architecture).toBe('arm64')
  })

  it('gives the auth function a whole vCPU for its password hashing (1,769 MB)', () => {
    expect(serverless.functions.auth.memorySize).toBeGreaterThanOrEqual(1769)
  })

  it('takes the table definition from the file the local engines use', () => {
    const table = serverless.resources.find((part: { Resources?: { Table?: unknown } }) => part.Resources?.Table).Resources.Table.Properties
    expect(table.KeySchema).toBe('${file(./functions/infra/table.json):KeySchema}')
    expect(table.GlobalSecondaryIndexes).toBe('${file(./functions/infra/table.json):GlobalSecondaryIndexes}')
  })

  it('counts business events from the logs of every function, for alarms', () => {
    expect(serverless.resources).toContain('${file(./functions/infra/alerts.cjs)}')
    const alerts = createRequire(import.meta.url)('../../functions/infra/alerts.cjs').Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >
    const filtered = Object.values(alerts)
      .filter((resource) => resource.Type === 'AWS::Logs::MetricFilter')
      .map((filter) => (filter.Properties.LogGroupName as { Ref: string }).Ref)
    expect(filtered.sort()).toEqual(DEPLOYED_FUNCTIONS.map((group) => `${group[0]!.toUpperCase()}${group.slice(1)}LogGroup`).sort())
    expect(JSON.stringify(alerts)).toContain('$.businessEvent')
  })

  it('keeps secrets out of the file', () => {
    expect(serverless.provider.environment.JWT_SECRET).toMatch(/^\{\{resolve:ssm:/)
  })
})
