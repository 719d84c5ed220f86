// Digital Bazaar's Bitstring Status List implementation (dev dependency) as the other party: lists
// encoded on one side decode on the other, and its checkStatus reads lists and entries Emblem signs.
// @ts-expect-error untyped dev dependency
import { checkStatus, createCredential, createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list'
// @ts-expect-error untyped dev dependency
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
// @ts-expect-error untyped dev dependency
import { cryptosuite as rdfcCryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { describe, expect, it } from 'vitest'
import { CONTEXT, createDocumentLoader } from '../../src/core/canonical/index.js'
import { createSigner, didKeyDocument, didKeyOf, generateKeyPair, resolveDidKey, signCredential } from '../../src/core/proof/index.js'
import { StatusList, buildStatusEntry, buildStatusListCredential, checkStatusEntry } from '../../src/core/status-list/index.js'

/** Their list, as far as these tests use it. */
interface DbList {
  length: number
  getStatus(index: number): boolean
  setStatus(index: number, status: boolean): void
  encode(): Promise<string>
}

interface DbStatusResult {
  verified: boolean
  error?: unknown
  results?: { verified: boolean; status: boolean }[]
}

const SET = [0, 1, 7, 8, 42, 65_535, 131_071]
const PROBES = [...SET, 2, 6, 9, 41, 43, 65_534, 131_070]
const LIST_URL = 'https://issuer.example/status/revocation/7'

/** The empty 16 KiB list of the spec's examples (BitstringStatusListCredential, §2.2). */
const SPEC_EXAMPLE_LIST = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'

describe('Bitstring Status List interop with @digitalbazaar/vc-bitstring-status-list', () => {
  it('has Digital Bazaar decode a list Emblem encodes, with the same bits set', async () => {
    const list = new StatusList()
    for (const index of SET) list.set(index)
    const theirs = (await decodeList({ encodedList: list.encode() })) as DbList
    expect(theirs.length).toBe(131_072)
    expect(PROBES.map((i) => theirs.getStatus(i))).toEqual(PROBES.map((i) => SET.includes(i)))
  })

  it('decodes a list Digital Bazaar encodes, with the same bits set', async () => {
    const theirs = (await createList({ length: 131_072 })) as DbList
    for (const index of SET) theirs.setStatus(index, true)
    const ours = StatusList.decode(await theirs.encode())
    expect(ours.length).toBe(131_072)
    expect(PROBES.map((i) => ours.isSet(i))).toEqual(PROBES.map((i) => SET.includes(i)))
  })

  it('agrees with Digital Bazaar that the spec example is an empty 131,072-entry list', async () => {
    const ours = StatusList.decode(SPEC_EXAMPLE_LIST)
    const theirs = (await decodeList({ encodedList: SPEC_EXAMPLE_LIST })) as DbList
    expect([ours.length, theirs.length]).toEqual([131_072, 131_072])
    expect(ours.toBytes().every((byte) => byte === 0)).toBe(true)
  })

  it('reads entries against a list credential Digital Bazaar builds', async () => {
    const theirs = (await createList({ length: 131_072 })) as DbList
    theirs.setStatus(1234, true)
    const credential = await createCredential({ id: LIST_URL, list: theirs, statusPurpose: 'revocation' })
    const entry = (index: number) => buildStatusEntry({ listCredentialUrl: LIST_URL, index, statusPurpose: 'revocation' })
    expect(checkStatusEntry(entry(1234), credential)).toMatchObject({ ok: true, set: true })
    expect(checkStatusEntry(entry(1235), credential)).toMatchObject({ ok: true, set: false })
  })
})

describe('Digital Bazaar checkStatus on credentials and lists Emblem signs', () => {
  const REVOKED = 94_567
  const VALID = 94_568
  const validFrom = '2024-03-01T09:00:00Z'

  /** An OB 3.0 credential from the did:key that signs it, pointing at entry `index` of the list. */
  const openBadge = (issuer: string, index: number) => ({
    '@context': [CONTEXT.VC_V2, CONTEXT.OB_V3],
    id: `urn:uuid:5f0e1c2a-8d4b-4c1e-9f3a-${String(index).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example Institute of Technology' },
    validFrom,
    name: 'Introduction to Verifiable Credentials',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/intro-vc',
        type: ['Achievement'],
        name: 'Introduction to Verifiable Credentials',
        criteria: { narrative: 'Complete the course project.' },
      },
    },
    credentialStatus: buildStatusEntry({ listCredentialUrl: LIST_URL, index, statusPurpose: 'revocation' }),
  })

  async function setUp() {
    const keyPair = generateKeyPair()
    const did = didKeyOf(keyPair.publicKeyMultibase)
    const signer = createSigner(keyPair)
    const sign = <T extends object>(document: T) => signCredential(document, signer, { suite: 'eddsa-rdfc-2022', created: validFrom })
    const list = new StatusList()
    list.set(REVOKED)
    const signedList = await sign(buildStatusListCredential({ id: LIST_URL, issuer: did, statusPurpose: 'revocation', list, validFrom }))
    const method = resolveDidKey(did)
    const loaderWith = (listCredential: unknown) =>
      createDocumentLoader(
        new Map<string, unknown>([
          [did, didKeyDocument(did)],
          [method.id, { '@context': CONTEXT.MULTIKEY_V1, ...method }],
          [LIST_URL, listCredential],
        ]),
      )
    return { did, sign, signedList, loaderWith }
  }

  const dbCheck = async (credential: unknown, documentLoader: unknown) =>
    // Copies: jsonld-signatures writes into the documents it checks.
    (await checkStatus({
      credential: structuredClone(credential),
      documentLoader,
      suite: new DataIntegrityProof({ cryptosuite: rdfcCryptosuite }),
      verifyBitstringStatusListCredential: true,
    })) as DbStatusResult

  it('reports a credential whose bit is set as revoked, and one whose bit is clear as not revoked', async () => {
    const { did, sign, signedList, loaderWith } = await setUp()
    const documentLoader = loaderWith(signedList)
    const revoked = await dbCheck(await sign(openBadge(did, REVOKED)), documentLoader)
    expect(revoked.error, String(revoked.error)).toBeUndefined()
    expect(revoked).toMatchObject({ verified: true, results: [{ verified: true, status: true }] })
    const valid = await dbCheck(await sign(openBadge(did, VALID)), documentLoader)
    expect(valid).toMatchObject({ verified: true, results: [{ verified: true, status: false }] })

    expect(checkStatusEntry(openBadge(did, REVOKED).credentialStatus, signedList)).toMatchObject({ ok: true, set: true })
    expect(checkStatusEntry(openBadge(did, VALID).credentialStatus, signedList)).toMatchObject({ ok: true, set: false })
  })

  it('refuses a list credential whose encodedList was changed after Emblem signed it', async () => {
    const { did, sign, signedList, loaderWith } = await setUp()
    const tampered = structuredClone(signedList)
    tampered.credentialSubject.encodedList = new StatusList().encode()
    const result = await dbCheck(await sign(openBadge(did, REVOKED)), loaderWith(tampered))
    expect(result.verified).toBe(false)
    expect(String(result.error)).toMatch(/not verified/)
  })
})
