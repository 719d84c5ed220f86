import { describe } from 'vitest'
import { programsSuite } from './programs-suite.js'

describe('programs (SQLite)', () => programsSuite('sqlite'))
