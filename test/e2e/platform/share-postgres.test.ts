import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeSharing } from './share-fixture.js'

describe.skipIf(!hasPostgres)('on PostgreSQL', () => {
  describeSharing('postgres')
})
