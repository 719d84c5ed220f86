import { describe, expect, it } from 'vitest'
import { credentialIdOf, credentialUuid } from './credential-id.js'

describe('credentialIdOf', () => {
  it('takes a bare UUID or the urn:uuid: id, in any case, and gives the lower-case urn:uuid: id', () => {
    const id = 'urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d'
    expect(credentialIdOf('3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d')).toBe(id)
    expect(credentialIdOf('3B9E1C1A-5F4E-4D2B-8A6C-0E1F2A3B4C5D')).toBe(id)
    expect(credentialIdOf('URN:UUID:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d')).toBe(id)
    expect(credentialUuid(id)).toBe('3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d')
  })

  it('refuses anything else', () => {
    for (const param of ['', 'urn:uuid:', '3b9e1c1a5f4e4d2b8a6c0e1f2a3b4c5d', '3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d/x', "' or 1=1 --"]) expect(credentialIdOf(param)).toBeUndefined()
  })
})
