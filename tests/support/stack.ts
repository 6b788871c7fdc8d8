import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { startServers, useLocalStorage } from '../../functions/local/stack'
import { ROOT } from '../../scripts/local-settings'
import { ApiClient } from './api-client'

/**
 * A private copy of the system for one test file: its own table and bucket on the shared engines,
 * the real handlers behind HTTP on a free port and, for browser tests, the H5 build beside them.
 * It starts empty: tests build the users they need (builders.ts).
 */
export async function startTestStack(options: { web?: boolean } = {}) {
  const suffix = randomUUID().slice(0, 8)
  await useLocalStorage(inject('engines'), { tableName: `test-${suffix}`, bucketName: `test-${suffix}` })
  const servers = await startServers({
    apiPort: 0,
    ...(options.web ? { webPort: 0, webRoot: process.env.H5_DIST ?? `${ROOT}/miniprogram/dist/h5` } : {}),
  })
  return { ...servers, api: new ApiClient(servers.apiUrl) }
}
