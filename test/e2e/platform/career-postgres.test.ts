import { describe } from 'vitest'
import { hasPostgres } from '../../support/platform.js'
import { describeCareer } from './career-suite.js'

describe.skipIf(!hasPostgres)('on PostgreSQL', () => {
  describeCareer('postgres')
})
