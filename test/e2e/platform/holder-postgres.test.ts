import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeHolderApi } from './holder-fixture.js'

if (hasPostgres) describeHolderApi('postgres', 'postgres')
else
  describe.skip('holder API on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('passes the holder API tests', () => {})
  })
