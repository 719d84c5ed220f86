import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDocumentLoader } from '../../src/core/canonical/index.js'
import { encodeBase58btc } from '../../src/core/encoding/index.js'
import {
  createSigner,
  hashData,
  importKeyPair,
  resolveDidKey,
  signCredential,
  verifyProofs,
  type Canonicalization,
  type Cryptosuite,
} from '../../src/core/proof/index.js'

const VECTORS = path.resolve(process.cwd(), '../shared/interop/test-vectors/vc-di-eddsa')
const exists = existsSync(VECTORS)
const text = (file: string) => readFileSync(path.join(VECTORS, file), 'utf8')
const json = (file: string) => JSON.parse(text(file)) as Record<string, unknown>
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const resolveVerificationMethod = async (url: string) => resolveDidKey(url)
// The vectors use the VC 2.0 examples context, which Emblem bundles for them alone.
const documentLoader = createDocumentLoader()

const SUITES: { suite: Cryptosuite; canonicalization: Canonicalization; dir: string; tag: string }[] = [
  { suite: 'eddsa-rdfc-2022', canonicalization: 'rdfc', dir: 'eddsa-rdfc-2022', tag: 'DataInt' },
  { suite: 'eddsa-jcs-2022', canonicalization: 'jcs', dir: 'eddsa-jcs-2022', tag: 'JCS' },
]

const title = `W3C vc-di-eddsa test vectors${exists ? '' : ` (skipped: ${VECTORS} not found)`}`

describe.skipIf(!exists)(title, () => {
  describe.each(SUITES)('$suite', ({ suite, canonicalization, dir, tag }) => {
    const file = (name: string) => `${dir}/${name}${tag}.${name === 'proofConfig' || name === 'signed' ? 'json' : 'txt'}`
    const unsigned = () => json('unsigned.json')
    const signer = () => createSigner(importKeyPair(json('keyPair.json')))

    it('reproduces the canonical document, canonical proof config and every hash byte for byte', async () => {
      const proofConfig = json(file('proofConfig'))
      const result = await hashData(unsigned(), proofConfig, canonicalization, documentLoader)
      expect(result.canonicalDocument).toBe(text(file('canonDoc')))
      expect(result.canonicalProofConfig).toBe(text(file('proofCanon')))
      expect(hex(result.documentHash)).toBe(text(file('docHash')).trim())
      expect(hex(result.proofConfigHash)).toBe(text(file('proofHash')).trim())
      expect(hex(result.hashData)).toBe(text(file('combinedHash')).trim())
    })

    it('produces the signature in hex and as the base58btc proofValue', () => {
      const signature = signer().sign(Buffer.from(text(file('combinedHash')).trim(), 'hex'))
      expect(hex(signature)).toBe(text(file('sigHex')).trim())
      expect('z' + encodeBase58btc(signature)).toBe(text(file('sigBTC58')).trim())
    })

    it('signs unsigned.json into exactly the signed vector', async () => {
      const signed = await signCredential(unsigned(), signer(), { suite, created: '2023-02-24T23:36:38Z', documentLoader })
      expect(signed).toEqual(json(file('signed')))
      expect(JSON.stringify(signed.proof)).toBe(JSON.stringify(json(file('signed')).proof))
    })

    it('verifies the signed vector (proof only: its https issuer is not the did:key controller)', async () => {
      const result = await verifyProofs(json(file('signed')), { resolveVerificationMethod, documentLoader })
      expect(result).toMatchObject({ verified: true, proofs: [{ outcome: 'verified', cryptosuite: suite }] })
      expect(result.proofs[0]?.controller).toBe('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2')
    })

    it('rejects the signed vector once one character of a signed field changes', async () => {
      const signed = json(file('signed'))
      const tampered = { ...signed, name: 'Alumni Credentiel' }
      const result = await verifyProofs(tampered, { resolveVerificationMethod, documentLoader })
      expect(result).toMatchObject({ verified: false, code: 'PROOF_SIGNATURE_INVALID' })
    })
  })
})
