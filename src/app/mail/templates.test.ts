import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { credentialIssuedMessage, credentialIssuedMessages, escapeHtml, invitationMessage, resetPasswordMessage, signUpAttemptMessage, verifyEmailMessage } from './templates.js'

const EVIL = '<script>alert("x")</script> & \'quotes\''

describe('e-mail templates', () => {
  it('escapes a name with a script tag in the HTML and keeps it readable in the text', () => {
    const m = verifyEmailMessage({ name: EVIL, verifyUrl: 'https://emblem.example/verify-email?token=abc' })
    expect(m.html).not.toContain('<script>')
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;')
    expect(m.text).toContain(EVIL)
    expect(m.text).toContain('https://emblem.example/verify-email?token=abc')
  })

  it('escapes every value of the credential e-mail others send, and links both pages', () => {
    const m = credentialIssuedMessage({
      orgName: 'Uni <b>of</b> "Tests"',
      recipientName: EVIL,
      achievementName: 'Data <img src=x onerror=alert(1)>',
      claimUrl: 'https://emblem.example/claim?token=a&b=<c>',
      credentialUrl: 'https://emblem.example/c/123',
    })
    expect(m.html).not.toMatch(/<(script|img|b)\b/)
    expect(m.html).toContain('href="https://emblem.example/claim?token=a&amp;b=&lt;c&gt;"')
    expect(m.html).toContain('href="https://emblem.example/c/123"')
    expect(m.subject).toBe('Uni <b>of</b> "Tests" awarded you "Data <img src=x onerror=alert(1)>"')
    expect(m.text).toContain('https://emblem.example/claim?token=a&b=<c>')
  })

  it('keeps subjects on one line whatever the names contain', () => {
    const m = invitationMessage({ orgName: 'Evil\r\nBcc: victim@example.com', inviterName: 'Ada\n', role: 'admin', acceptUrl: 'https://e.example/i/1' })
    expect(m.subject).toBe('Ada invited you to Evil Bcc: victim@example.com on Emblem')
    expect(m.subject).not.toMatch(/[\r\n]/)
    expect(m.text).toContain('as an admin')
    const issuer = invitationMessage({ orgName: 'Org', inviterName: 'Ada', role: 'issuer', acceptUrl: 'https://e.example/i/1' })
    expect(issuer.text).toContain('as an issuer')
    expect(invitationMessage({ orgName: 'Org', inviterName: 'Ada', role: 'viewer', acceptUrl: 'https://e.example/i/1' }).text).toContain('as a viewer')
  })

  it('refuses a link that is not http(s), so no javascript: URL is ever mailed', () => {
    expect(() => resetPasswordMessage({ name: 'A', resetUrl: 'javascript:alert(1)' })).toThrow(TypeError)
    expect(() => signUpAttemptMessage({ name: 'A', signInUrl: 'javascript:x', resetUrl: 'https://e.example/r' })).toThrow(TypeError)
  })

  it('escapes all five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })
})

describe('e-mails in the recipient’s language, from the organization', () => {
  const issued = (options: Parameters<typeof credentialIssuedMessage>[1]) =>
    credentialIssuedMessage(
      { orgName: 'Universität Musterstadt', recipientName: 'Zoë', achievementName: 'Datenkompetenz', claimUrl: 'https://e.example/claim/t', credentialUrl: 'https://e.example/c/1', badgeUrl: 'https://e.example/images/abc' },
      options,
    )

  it('writes subject, text and HTML in the asked language, with the html lang attribute', () => {
    const m = issued({ locale: 'de' })
    expect(m.subject).toBe('Universität Musterstadt hat Ihnen „Datenkompetenz“ verliehen')
    expect(m.text).toContain('Hallo Zoë,')
    expect(m.text).toContain('Nachweis annehmen:\nhttps://e.example/claim/t')
    expect(m.html).toContain('<html lang="de">')
    expect(invitationMessage({ orgName: 'Org', inviterName: 'Ada', role: 'issuer', acceptUrl: 'https://e.example/i/1' }, { locale: 'fr' }).text).toContain('en tant qu’émetteur')
  })

  it('shows the organization’s logo, name and colour, with button text that contrasts with it', () => {
    const dark = issued({ brand: { name: 'Uni', logoUrl: 'https://e.example/images/logo', color: '#0B3D91' } }).html
    expect(dark).toContain('<img src="https://e.example/images/logo" alt=""')
    expect(dark).toContain('background:#0b3d91')
    expect(dark).toMatch(/background:#0b3d91"><a [^>]*color:#ffffff/)
    const light = issued({ brand: { name: 'Uni', color: '#fde68a' } }).html
    expect(light).toMatch(/background:#fde68a"><a [^>]*color:#111827/)
    expect(issued({ brand: { name: 'Uni', color: 'red; background:url(x)' } }).html).not.toContain('url(x)')
  })

  it('shows the badge with a text alternative and says on whose behalf it was sent', () => {
    const m = issued({})
    expect(m.html).toContain('<img src="https://e.example/images/abc" alt="The Datenkompetenz badge"')
    expect(m.html).toContain('Sent by Emblem on behalf of Universität Musterstadt.')
  })
})

describe('credentialIssuedMessages (a batch’s e-mails from one rendering)', () => {
  it('gives each learner exactly the message credentialIssuedMessage gives, for any name and links', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '\t', '\u0001', '<', '>', '&', '"', "'", '{', '}', '#', ',', 'é', '𝒜', 'EmblemSlot0Name', 'https://emblem-slot.invalid/claim-slot') })
    const url = fc.tuple(fc.constantFrom('https://badges.example.edu', 'http://x.test:3000'), fc.string({ unit: fc.constantFrom('a', '/', '&', '"', "'", '<', '?', '=', '#', '%') })).map(([base, path]) => `${base}/${path}`)
    fc.assert(
      fc.property(
        fc.record({ orgName: text, achievementName: text, badgeUrl: fc.option(url, { nil: undefined }) }),
        fc.option(fc.record({ name: text, logoUrl: fc.option(url, { nil: undefined }), color: fc.option(fc.constantFrom('#112233', '#ffffff', 'red'), { nil: undefined }) }), { nil: undefined }),
        fc.array(fc.record({ recipientName: text, claimUrl: url, credentialUrl: url }), { minLength: 1, maxLength: 4 }),
        (fixed, brand, learners) => {
          const render = credentialIssuedMessages(fixed, { brand })
          for (const learner of learners) expect(render(learner)).toEqual(credentialIssuedMessage({ ...fixed, ...learner }, { brand }))
        },
      ),
      { numRuns: 400 },
    )
  })
})
