import { describe, expect, it } from 'vitest'
import { registryEntries, RegistryFormatError } from './registry-format.js'

describe('registryEntries', () => {
  it('reads the Digital Credentials Consortium registry: DIDs keyed under "registry", their names', () => {
    const document = {
      meta: { created: '2022-10-27T17:57:31+00:00', updated: '2025-03-12T16:20:00+00:00' },
      registry: {
        'did:web:digitalcredentials.github.io:dcc-did-web': { name: 'DCC did:web test', location: 'Cambridge, MA, USA', url: 'https://digitalcredentials.mit.edu' },
        'did:key:z6MkpLDL3RoAoMRTwTgo3rs39ZwssfaPKtGdZw7AGRN7CK4W': { name: '(Example) My University' },
        'did:web:www.credly.com:api:v1:obi:v3:issuers:ede32dcc-9168-4563-9352-8725936d5231': { name: 'Credly Test OBv3 PM' },
        'not a did': { name: 'skipped' },
        'did:key:z6Mkunnamed': {},
      },
    }
    expect(registryEntries(document, 'dcc')).toEqual([
      { issuerId: 'did:web:digitalcredentials.github.io:dcc-did-web', name: 'DCC did:web test' },
      { issuerId: 'did:key:z6MkpLDL3RoAoMRTwTgo3rs39ZwssfaPKtGdZw7AGRN7CK4W', name: '(Example) My University' },
      { issuerId: 'did:web:www.credly.com:api:v1:obi:v3:issuers:ede32dcc-9168-4563-9352-8725936d5231', name: 'Credly Test OBv3 PM' },
      { issuerId: 'did:key:z6Mkunnamed', name: 'did:key:z6Mkunnamed' },
    ])
    expect(registryEntries({ entries: { 'did:web:a.example': { name: 'A' } } }, 'dcc')).toEqual([{ issuerId: 'did:web:a.example', name: 'A' }])
  })

  it('reads a plain list, as an array or under "issuers", each id once, DIDs and http(s) Profile URLs only', () => {
    const list = [{ id: 'https://issuer.example/profile', name: '  Issuer   Example ' }, { id: 'did:web:a.example', name: 'A' }, { id: 'did:web:a.example', name: 'A again' }, { id: 'ftp://x', name: 'no' }, 'junk', { name: 'no id' }]
    expect(registryEntries(list, 'list')).toEqual([
      { issuerId: 'https://issuer.example/profile', name: 'Issuer Example' },
      { issuerId: 'did:web:a.example', name: 'A' },
    ])
    expect(registryEntries({ issuers: [{ id: 'did:web:b.example', name: 'B' }] }, 'list')).toEqual([{ issuerId: 'did:web:b.example', name: 'B' }])
  })

  it('refuses a document of neither shape with a reason', () => {
    expect(() => registryEntries([], 'dcc')).toThrow(RegistryFormatError)
    expect(() => registryEntries({ registry: [] }, 'dcc')).toThrow(/no "registry" object/)
    expect(() => registryEntries({ registry: {} }, 'list')).toThrow(/Not an issuer list/)
    expect(() => registryEntries(null, 'list')).toThrow(RegistryFormatError)
  })
})
