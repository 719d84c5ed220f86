import { describe } from 'vitest'
import { programSeatsSuite } from './program-seats-suite.js'

describe('program seats and staff actions (SQLite)', () => programSeatsSuite('sqlite'))
