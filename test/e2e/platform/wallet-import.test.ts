import { describeWalletImport } from './wallet-import-suite.js'

describeWalletImport('sqlite')
