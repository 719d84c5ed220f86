import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../../errors.js'
import { didOf, didWebUrl } from './did-web-url.js'

describe('didWebUrl', () => {
  it('maps a bare domain to its .well-known DID document', () => {
    expect(didWebUrl('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json')
  })

  it('maps colon-separated path segments to a did.json under that path', () => {
    expect(didWebUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json')
  })

  it('decodes a %3A-encoded port in the host', () => {
    expect(didWebUrl('did:web:localhost%3A8443')).toBe('https://localhost:8443/.well-known/did.json')
    expect(didWebUrl('did:web:example.com%3a3000:org:acme')).toBe('https://example.com:3000/org/acme/did.json')
  })

  it('ignores the fragment and query of a DID URL', () => {
    expect(didWebUrl('did:web:example.com:org:acme#key-1')).toBe('https://example.com/org/acme/did.json')
    expect(didWebUrl('did:web:example.com?versionId=2')).toBe('https://example.com/.well-known/did.json')
  })

  it('refuses hosts and paths that would leave the named origin or directory', () => {
    for (const did of ['did:web:evil.com%2Fx', 'did:web:example.com:..:etc', 'did:web:user@example.com', 'did:web:', 'did:web:a::b'])
      expect(() => didWebUrl(did), did).toThrow(expect.objectContaining({ code: 'ERR_DID_RESOLUTION' }))
  })

  it('refuses other DID methods', () => {
    try {
      didWebUrl('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')
      expect.unreachable()
    } catch (err) {
      expect(isPlatformError(err, 'ERR_DID_UNSUPPORTED')).toBe(true)
    }
  })
})

describe('didOf', () => {
  it('cuts a DID URL down to its DID', () => {
    expect(didOf('did:web:example.com#key-1')).toBe('did:web:example.com')
    expect(didOf('did:web:example.com')).toBe('did:web:example.com')
  })
})
