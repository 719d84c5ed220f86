import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { programsSuite } from './programs-suite.js'

describe.skipIf(!hasPostgres)('programs (PostgreSQL)', () => programsSuite('postgres'))
