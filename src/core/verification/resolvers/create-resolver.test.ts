import { describe, expect, it, vi } from 'vitest'
import { generateKeyPair } from '../../proof/index.js'
import { createVerificationMethodResolver } from './create-resolver.js'
import { createDocumentSource } from './document-source.js'

const key = generateKeyPair().publicKeyMultibase
const purpose = { proofPurpose: 'assertionMethod' }

const didWebDocument = (did: string, listed = true) => ({
  '@context': ['https://www.w3.org/ns/did/v1'],
  id: did,
  verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: key }],
  assertionMethod: listed ? ['#key-1'] : [],
})

const resolverOver = (documents: Record<string, unknown>, fetcher?: (url: string) => Promise<unknown>) =>
  createVerificationMethodResolver(createDocumentSource(new Map(Object.entries(documents)), fetcher))

describe('createVerificationMethodResolver', () => {
  it('resolves a did:key by computation, without documents or a fetcher', async () => {
    const method = await resolverOver({}).resolve(`did:key:${key}#${key}`, purpose)
    expect(method).toMatchObject({ controller: `did:key:${key}`, publicKeyMultibase: key })
  })

  it('finds a did:web method listed under assertionMethod in a DID document supplied offline', async () => {
    const did = 'did:web:example.edu:org:physics'
    const resolver = resolverOver({ [did]: didWebDocument(did) })
    const method = await resolver.resolve(`${did}#key-1`, purpose)
    expect(method).toMatchObject({ id: `${did}#key-1`, controller: did, publicKeyMultibase: key })
    expect(resolver.originOf(method.id)).toEqual({ documentId: did, isProfile: false })
  })

  it('fetches a did:web document from its mapped https URL, once per verification', async () => {
    const did = 'did:web:example.edu%3A8443'
    const fetcher = vi.fn(async (url: string) => (url === 'https://example.edu:8443/.well-known/did.json' ? didWebDocument(did) : {}))
    const resolver = resolverOver({}, fetcher)
    await resolver.resolve(`${did}#key-1`, purpose)
    await resolver.resolve(`${did}#key-1`, purpose)
    expect(fetcher).toHaveBeenCalledTimes(1)
  })

  it('refuses a DID document method that is not listed under assertionMethod', async () => {
    const did = 'did:web:example.edu'
    await expect(resolverOver({ [did]: didWebDocument(did, false) }).resolve(`${did}#key-1`, purpose)).rejects.toMatchObject({
      code: 'ERR_DID_RESOLUTION',
    })
  })

  it('refuses a document whose id is not the DID that was asked for', async () => {
    const did = 'did:web:example.edu'
    const fetcher = async () => didWebDocument('did:web:attacker.example')
    await expect(resolverOver({}, fetcher).resolve(`${did}#key-1`, purpose)).rejects.toMatchObject({ code: 'ERR_DID_RESOLUTION' })
  })

  it('finds an https method in the issuer Profile at the URL without its fragment', async () => {
    const profileId = 'https://example.edu/issuers/876543'
    const methodId = `${profileId}#${key}`
    const profile = {
      id: profileId,
      type: ['Profile'],
      name: 'Example University',
      verificationMethod: [{ id: methodId, type: 'Multikey', publicKeyMultibase: key }],
    }
    const resolver = resolverOver({ [profileId]: profile })
    const method = await resolver.resolve(methodId, purpose)
    expect(method).toMatchObject({ id: methodId, controller: profileId, publicKeyMultibase: key })
    expect(resolver.originOf(methodId)).toEqual({ documentId: profileId, isProfile: true })
  })

  it('reports a document that was neither supplied nor fetchable as a fetch failure', async () => {
    await expect(resolverOver({}).resolve('did:web:example.edu#key-1', purpose)).rejects.toMatchObject({ code: 'ERR_FETCH_FAILED' })
    const failing = async () => {
      throw new Error('connection refused')
    }
    await expect(resolverOver({}, failing).resolve('https://example.edu/keys#1', purpose)).rejects.toThrow(/connection refused/)
  })

  it('refuses DID methods it does not know', async () => {
    await expect(resolverOver({}).resolve('did:ion:abc#key', purpose)).rejects.toMatchObject({ code: 'ERR_DID_UNSUPPORTED' })
  })
})
