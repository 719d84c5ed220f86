import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { talentSuite } from './talent-suite.js'

describe.skipIf(!hasPostgres)('talent search (PostgreSQL)', () => talentSuite('postgres'))
