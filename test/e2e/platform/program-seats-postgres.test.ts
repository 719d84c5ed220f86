import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { programSeatsSuite } from './program-seats-suite.js'

describe.skipIf(!hasPostgres)('program seats and staff actions (PostgreSQL)', () => programSeatsSuite('postgres'))
