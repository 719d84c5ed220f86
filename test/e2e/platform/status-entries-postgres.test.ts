import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { statusEntriesSuite } from './status-entries-suite.js'

describe.skipIf(!hasPostgres)('status entries per organization (PostgreSQL)', () => statusEntriesSuite('postgres'))
