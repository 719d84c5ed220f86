import { describe, expect, it } from 'vitest'
import { linkedInAddUrl } from './linkedin-url.js'

describe('linkedInAddUrl', () => {
  it('fills the certification form, URL-encoding every value, months 1-12 in UTC', () => {
    const url = linkedInAddUrl({
      name: 'Data & Society: 101',
      organizationName: 'Université de Genève',
      issued: new Date('2026-01-31T23:30:00Z'),
      expires: new Date('2028-12-01T00:00:00Z'),
      certUrl: 'https://badges.example.edu/c/1?x=1',
      certId: 'urn:uuid:1',
    })
    expect(url).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data%20%26%20Society%3A%20101&organizationName=Universit%C3%A9%20de%20Gen%C3%A8ve' +
        '&issueYear=2026&issueMonth=1&expirationYear=2028&expirationMonth=12&certUrl=https%3A%2F%2Fbadges.example.edu%2Fc%2F1%3Fx%3D1&certId=urn%3Auuid%3A1',
    )
  })

  it('leaves the expiration out for a credential that does not expire', () => {
    const url = new URL(linkedInAddUrl({ name: 'A', organizationName: 'B', issued: new Date('2026-03-01T00:00:00Z'), certUrl: 'https://x.example/c/1', certId: 'urn:uuid:1' }))
    expect(url.searchParams.has('expirationYear')).toBe(false)
    expect(url.searchParams.get('issueMonth')).toBe('3')
  })
})
