import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { pathwaysSuite } from './pathways-suite.js'

describe.skipIf(!hasPostgres)('pathways (PostgreSQL)', () => pathwaysSuite('postgres'))
