import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { trustSuite } from './trust-suite.js'

describe.skipIf(!hasPostgres)('trusted issuers and registries (PostgreSQL)', () => trustSuite('postgres'))
