import { describe } from 'vitest'
import { trustSuite } from './trust-suite.js'

describe('trusted issuers and registries (SQLite)', () => trustSuite('sqlite'))
