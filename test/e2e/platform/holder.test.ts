import { describeHolderApi } from './holder-fixture.js'
import { describeDidClaim } from './holder-claim-suite.js'

describeHolderApi('sqlite', 'sqlite')
describeDidClaim('sqlite')
