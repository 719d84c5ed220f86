import { describe } from 'vitest'
import { talentSuite } from './talent-suite.js'

describe('talent search (SQLite)', () => talentSuite('sqlite'))
