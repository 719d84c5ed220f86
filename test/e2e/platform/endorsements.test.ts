import { describe } from 'vitest'
import { endorsementsSuite } from './endorsements-suite.js'

describe('endorsements (SQLite)', () => endorsementsSuite('sqlite'))
