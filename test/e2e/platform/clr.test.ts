import { describeClr } from './clr-suite.js'

describeClr('sqlite', 'sqlite')
