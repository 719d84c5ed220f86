import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // bin/emblem.mjs runs the compiled dist/: rebuild it from the current source first.
    globalSetup: ['test/support/build-dist.ts'],
    // Ends a test file whose thread blocks or that outlives its budget, saying which test (CI never hangs).
    // file-isolation.ts: what a file stubs is put back when it ends (the next file shares the worker's modules).
    setupFiles: ['test/support/watchdog.ts', 'test/support/file-isolation.ts'],
    // Two cores: two workers keep CPU-heavy property tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // A file reuses the modules its worker already imported: importing the platform again for each of
    // ~290 files cost ~700 s of CI (2.5 s a file under load).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
