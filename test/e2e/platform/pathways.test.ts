import { describe } from 'vitest'
import { pathwaysSuite } from './pathways-suite.js'

describe('pathways (SQLite)', () => pathwaysSuite('sqlite'))
