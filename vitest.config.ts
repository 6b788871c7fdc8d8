import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/clock-setup.ts'],
    // Each file gets its own process, so each can point the handlers at its own table.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The local outbox logs every captcha answer for developers; tests read it over HTTP instead.
    onConsoleLog: (log) => !log.includes('"outbox"'),
  },
})
