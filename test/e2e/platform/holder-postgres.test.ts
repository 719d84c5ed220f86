import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeHolderApi } from './holder-fixture.js'
import { describeDidClaim } from './holder-claim-suite.js'

if (hasPostgres) {
  describeHolderApi('postgres', 'postgres')
  describeDidClaim('postgres')
} else
  describe.skip('holder API on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('passes the holder API tests', () => {})
  })
