import { describe, expect, it } from 'vitest'
import { embedSnippet, linkedInPostUrl, shareLinksOf, type ShareableItem } from './share-actions.js'

const item: ShareableItem = { id: 'w_1', name: 'Data "Basics" <1>', issuerName: 'Uni & Co', issuedAt: '2026-02-03T00:00:00Z', expiresAt: null, credentialId: 'urn:uuid:x', issuedCredentialId: null, format: 'vc-json', hidden: false }

describe('share actions', () => {
  it('uses /c/{id} downloads and page for a credential of this instance', () => {
    const links = shareLinksOf({ ...item, issuedCredentialId: 'urn:uuid:1b2c', format: 'vc-jwt' }, 'https://emblem.example')
    expect(links).toMatchObject({ publicUrl: 'https://emblem.example/c/1b2c', png: '/c/1b2c/badge.png', pdf: '/c/1b2c/certificate.pdf', json: '/c/1b2c/credential.jwt', jsonIsJwt: true, linkedInPost: linkedInPostUrl('https://emblem.example/c/1b2c') })
    expect(new URL(links.linkedInAdd).searchParams.get('certUrl')).toBe('https://emblem.example/c/1b2c')
  })
  it('uses the wallet or share downloads for an imported one, with no public page unless given', () => {
    expect(shareLinksOf(item, 'https://e.example')).toMatchObject({ publicUrl: undefined, png: '/wallet/w_1/download/badge.png', json: '/wallet/w_1/download/credential.json', pdf: undefined, linkedInPost: undefined })
    const shared = shareLinksOf(item, 'https://e.example', { base: '/s/tok/download', publicUrl: 'https://e.example/s/tok' })
    expect(shared).toMatchObject({ png: '/s/tok/download/badge.png', publicUrl: 'https://e.example/s/tok' })
    expect(new URL(shared.linkedInAdd).searchParams.get('issueYear')).toBe('2026')
  })
  it('escapes the embed snippet and links it to the verification page', () => {
    const links = shareLinksOf(item, 'https://e.example', { base: '/s/tok/download', publicUrl: 'https://e.example/s/tok' })
    expect(embedSnippet(links, 'https://e.example', `${item.name}, by ${item.issuerName}`, 'Verify')).toBe(
      '<a href="https://e.example/s/tok" title="Verify" target="_blank" rel="noopener"><img src="https://e.example/s/tok/download/badge.png" alt="Data &quot;Basics&quot; &lt;1&gt;, by Uni &amp; Co" width="120" height="120"></a>',
    )
    expect(embedSnippet(shareLinksOf(item, 'https://e.example'), 'https://e.example', 'a', 'b')).toBeUndefined()
  })
})
