import { describeWalletImages } from './wallet-images-suite.js'

describeWalletImages('sqlite')
