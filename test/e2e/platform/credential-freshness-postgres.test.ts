import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { credentialFreshnessSuite } from './credential-freshness-suite.js'

// The same on PostgreSQL: what a kept page or report depends on is read from the store per request.
describe.skipIf(!hasPostgres)('on PostgreSQL', () => credentialFreshnessSuite('postgres'))
