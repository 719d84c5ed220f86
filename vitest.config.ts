import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // bin/emblem.mjs runs the compiled dist/: rebuild it from the current source first.
    globalSetup: ['test/support/build-dist.ts'],
    // Ends a test file whose thread blocks or that outlives its budget, saying which test (CI never hangs).
    setupFiles: ['test/support/watchdog.ts'],
    // Two cores: two workers keep CPU-heavy property tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
