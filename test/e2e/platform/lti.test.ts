import { describe } from 'vitest'
import { ltiSuite } from './lti-suite.js'

describe('LTI 1.3 tool (SQLite)', () => ltiSuite('sqlite'))
