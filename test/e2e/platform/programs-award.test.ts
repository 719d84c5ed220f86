import { describe } from 'vitest'
import { awardPropertySuite } from './programs-award-suite.js'

describe('program awards (SQLite)', () => awardPropertySuite('sqlite', 40))
