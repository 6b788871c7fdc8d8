import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { BUILD_STAMP } from '../../scripts/build-mini'

/**
 * Under `npm test` the H5 build may still run beside vitest (scripts/test.ts sets H5_BUILD_PENDING):
 * a browser file waits here, in a setup file, so no hook's timeout runs while it waits. The build
 * writes its stamp last; a failed build ends the whole run from scripts/test.ts.
 */
const BUILD_WAIT_MS = 20 * 60_000

if (process.env.H5_BUILD_PENDING && process.env.H5_DIST && expect.getState().testPath?.includes('/tests/e2e/')) {
  const stamp = join(process.env.H5_DIST, BUILD_STAMP)
  const deadline = Date.now() + BUILD_WAIT_MS
  while (!existsSync(stamp)) {
    if (Date.now() > deadline) throw new Error(`the H5 build did not finish within ${BUILD_WAIT_MS / 60_000} minutes (${stamp})`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
