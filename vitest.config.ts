import { defineConfig } from 'vitest/config'
import { BrowserFilesLast } from './tests/support/sequencer'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/clock-setup.ts', 'tests/support/h5-build.ts'],
    sequence: { sequencer: BrowserFilesLast },
    // Each file gets its own process, so each can point the handlers at its own table.
    pool: 'forks',
    // Vitest's default on 2 cores is one worker, but most of a file's time is spent waiting on the
    // engine, the browser or scrypt, so a second file fits beside it.
    maxWorkers: 2,
    testTimeout: 60_000,
    // expect.poll's own default (1 s) is shorter than a busy 2-core machine needs to repaint a page.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    // The local outbox logs every captcha answer for developers; tests read it over HTTP instead.
    onConsoleLog: (log) => !log.includes('"outbox"'),
    // Powertools writes to stdout itself (onConsoleLog never sees it): keep the outbox and audit lines out of the report.
    // TEST_SCRYPT_LOG2N: password hashes at N=2^12 instead of OWASP's 2^17 (functions/auth/passwords.ts),
    // ~4 ms instead of ~540 ms of CPU each; tests of the deployed cost unset it.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', TEST_SCRYPT_LOG2N: '12' },
  },
})
