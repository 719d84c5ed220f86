export { encodeBase58btc, decodeBase58btc } from './base58btc.js'
export { encodeBase64url, decodeBase64url } from './base64url.js'
export { encodeMultibase, decodeMultibase, decodeMultibaseAs, type MultibaseEncoding } from './multibase.js'
