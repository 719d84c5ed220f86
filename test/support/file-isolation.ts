// Test files share their worker's modules (vitest.config.ts, isolate: false: each file no longer pays
// seconds to import the platform again). What a file changes outside its modules is put back when it
// ends, so the next file in the same worker starts as it would alone: stubbed environment variables
// and globals, and spied or mocked functions.
import { afterAll, vi } from 'vitest'

afterAll(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})
