import { describe, it } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeWalletImages } from './wallet-images-suite.js'

if (hasPostgres) describeWalletImages('postgres')
else describe.skip('imported badge images on PostgreSQL (set TEST_DATABASE_URL to run)', () => it('keeps imported images', () => {}))
