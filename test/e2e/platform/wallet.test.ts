import { describeWallet } from './wallet-suite.js'

describeWallet('sqlite')
