import { describeSharing } from './share-fixture.js'

describeSharing('sqlite')
