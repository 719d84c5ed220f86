import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // bin/emblem.mjs runs the compiled dist/: rebuild it from the current source first.
    globalSetup: ['test/support/build-dist.ts'],
    // Two cores: two workers keep CPU-heavy property tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
