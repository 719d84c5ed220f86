import { describe } from 'vitest'
import { statusEntriesSuite } from './status-entries-suite.js'

describe('status entries per organization (SQLite)', () => statusEntriesSuite('sqlite'))
