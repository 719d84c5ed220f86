import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { endorsementsSuite } from './endorsements-suite.js'

describe.skipIf(!hasPostgres)('endorsements (PostgreSQL)', () => endorsementsSuite('postgres'))
