import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { awardPropertySuite } from './programs-award-suite.js'

describe.skipIf(!hasPostgres)('program awards (PostgreSQL)', () => awardPropertySuite('postgres', 15))
