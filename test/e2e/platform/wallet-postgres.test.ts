import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeWallet } from './wallet-suite.js'

if (hasPostgres) describeWallet('postgres')
else describe.skip('the wallet on PostgreSQL (set TEST_DATABASE_URL to run)', () => it('runs the wallet suite', () => {}))
