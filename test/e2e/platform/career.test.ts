import { describeCareer } from './career-suite.js'

describeCareer('sqlite')
