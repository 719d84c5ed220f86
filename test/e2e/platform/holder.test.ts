import { describeHolderApi } from './holder-fixture.js'

describeHolderApi('sqlite', 'sqlite')
