import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { ltiSuite } from './lti-suite.js'

describe.skipIf(!hasPostgres)('LTI 1.3 tool (PostgreSQL)', () => ltiSuite('postgres'))
