import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeWalletImport } from './wallet-import-suite.js'

if (hasPostgres) describeWalletImport('postgres')
else describe.skip('wallet import on PostgreSQL (set TEST_DATABASE_URL to run)', () => it('runs the wallet import suite', () => {}))
