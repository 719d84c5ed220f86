import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeClr } from './clr-suite.js'

if (hasPostgres) describeClr('postgres', 'postgres')
else
  describe.skip('CLR and ELM on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('passes the CLR and ELM tests', () => {})
  })
