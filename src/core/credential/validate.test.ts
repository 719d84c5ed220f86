import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildRealisticCredential } from '../../../test/support/builders.js'
import { hashIdentity } from './identity.js'
import { validateCredential } from './validate.js'

type Json = Record<string, any>
const fixture = (name: string): Json => JSON.parse(readFileSync(path.resolve(process.cwd(), 'test/fixtures', name), 'utf8'))
const credential = (): Json => structuredClone(buildRealisticCredential()) as Json
const pathsOf = (value: unknown) => validateCredential(value).errors.map((e) => e.path)

describe('validateCredential', () => {
  it('accepts the credential the builder makes', () => {
    expect(validateCredential(buildRealisticCredential())).toEqual({ valid: true, errors: [] })
  })

  it('rejects anything but a JSON object', () => {
    expect(validateCredential([])).toEqual({ valid: false, errors: [{ path: '', message: 'must be a JSON object' }] })
    expect(validateCredential(null).valid).toBe(false)
  })

  it('names the missing criteria by its JSON path, in plain English', () => {
    const c = credential()
    delete c.credentialSubject.achievement.criteria
    expect(validateCredential(c).errors).toEqual([
      { path: '/credentialSubject/achievement/criteria', message: expect.stringMatching(/^is required: say what it takes/) },
    ])
  })

  it('requires every required field of the achievement', () => {
    const c = credential()
    for (const key of ['id', 'name', 'description']) delete c.credentialSubject.achievement[key]
    expect(pathsOf(c)).toEqual(['/credentialSubject/achievement/id', '/credentialSubject/achievement/name', '/credentialSubject/achievement/description'])
  })

  it('requires @context to start with VC 2.0 or 1.1 and then an OB 3.0 context, in that order', () => {
    const c = credential()
    c['@context'] = [c['@context'][1], c['@context'][0]]
    expect(pathsOf(c)).toEqual(['/@context/0', '/@context/1'])
    expect(pathsOf({ ...credential(), '@context': 'https://www.w3.org/ns/credentials/v2' })).toEqual(['/@context'])
    const older = credential()
    older['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'
    expect(validateCredential(older).valid).toBe(true)
  })

  it('accepts either type name and requires VerifiableCredential', () => {
    expect(validateCredential({ ...credential(), type: ['AchievementCredential', 'VerifiableCredential'] }).valid).toBe(true)
    expect(validateCredential({ ...credential(), type: ['OpenBadgeCredential'] }).errors).toEqual([
      { path: '/type', message: 'must include "VerifiableCredential"' },
    ])
  })

  it('requires an issuer whose id is a URI', () => {
    const { issuer, ...noIssuer } = credential()
    expect(validateCredential(noIssuer).errors).toEqual([{ path: '/issuer', message: 'is required' }])
    expect(pathsOf({ ...credential(), issuer: { ...issuer, id: 'not a uri' } })).toEqual(['/issuer/id'])
    expect(validateCredential({ ...credential(), issuer: issuer.id }).valid).toBe(true)
  })

  it('requires validFrom and validUntil to be date-times with a time zone', () => {
    for (const bad of ['2025-03-01', '2025-03-01T09:00:00', '2025-02-30T09:00:00Z', 'yesterday', 1740819600]) {
      expect(pathsOf({ ...credential(), validFrom: bad }), String(bad)).toEqual(['/validFrom'])
    }
    expect(pathsOf({ ...credential(), validUntil: '2030-13-01T00:00:00Z' })).toEqual(['/validUntil'])
    expect(validateCredential({ ...credential(), validFrom: '2022-11-10T07:38:00.123-08:00' }).valid).toBe(true)
  })

  it('rejects VC 1.1 dates in a VC 2.0 credential, whose context does not define them', () => {
    const errors = validateCredential({ ...credential(), issuanceDate: '2025-03-01T09:00:00Z' }).errors
    expect(errors).toEqual([{ path: '/issuanceDate', message: expect.stringContaining('uses validFrom') }])
  })

  it('requires the learner to be identified by id or identifier', () => {
    const c = credential()
    delete c.credentialSubject.id
    expect(validateCredential(c).valid).toBe(true)
    delete c.credentialSubject.identifier
    expect(validateCredential(c).errors).toEqual([
      { path: '/credentialSubject', message: 'must identify the learner with an id or at least one identifier' },
    ])
  })

  it('requires a hashed identifier to carry a well-formed IdentityHash', () => {
    const c = credential()
    c.credentialSubject.identifier[0].identityHash = 'sha256$not-hex'
    expect(pathsOf(c)).toEqual(['/credentialSubject/identifier/0/identityHash'])
    c.credentialSubject.identifier[0].identityHash = hashIdentity('a@example.com', 'Kosher').toUpperCase().replace('SHA256', 'sha256')
    expect(validateCredential(c).valid).toBe(true)
  })

  it('accepts compacted single values in place of one-item arrays', () => {
    const c = credential()
    c.type = ['VerifiableCredential', 'OpenBadgeCredential']
    c.credentialSubject.type = 'AchievementSubject'
    c.credentialSubject.achievement.type = 'Achievement'
    c.credentialSubject.identifier = c.credentialSubject.identifier[0]
    c.credentialSchema = c.credentialSchema[0]
    c.evidence = c.evidence[0]
    expect(validateCredential(c)).toEqual({ valid: true, errors: [] })
  })

  it('checks alignments, results and the status entry with their array indexes', () => {
    const c = credential()
    c.credentialSubject.achievement.alignment[1].targetUrl = 'esco skill'
    c.credentialSubject.achievement.alignment[2].targetType = 'EQF'
    c.credentialSubject.result[1].status = 'Passed'
    c.credentialStatus.statusListIndex = 94567
    expect(pathsOf(c)).toEqual([
      '/credentialSubject/achievement/alignment/1/targetUrl',
      '/credentialSubject/achievement/alignment/2/targetType',
      '/credentialSubject/result/1/status',
      '/credentialStatus/statusListIndex',
    ])
  })

  it('validates an EndorsementCredential, whose name is required', () => {
    const endorsement: Json = {
      ...credential(),
      type: ['VerifiableCredential', 'EndorsementCredential'],
      credentialSubject: { id: 'https://example.edu/achievements/fair-data-stewardship', type: ['EndorsementSubject'] },
    }
    expect(validateCredential(endorsement).valid).toBe(true)
    delete endorsement.name
    expect(pathsOf(endorsement)).toEqual(['/name'])
  })

  it('validates endorsements embedded in a credential under their own path', () => {
    const c = credential()
    c.endorsement = [{ ...credential(), type: ['VerifiableCredential', 'EndorsementCredential'], credentialSubject: { type: ['EndorsementSubject'] } }]
    expect(pathsOf(c)).toEqual(['/endorsement/0/credentialSubject/id'])
  })
})

describe('named fixtures', () => {
  it('finds nothing wrong with the shape of expired, not-yet-valid and VC 1.1-form credentials', () => {
    for (const name of ['expired.json', 'not-yet-valid.json', 'vc11-form.json']) {
      expect(validateCredential(fixture(name)), name).toEqual({ valid: true, errors: [] })
    }
  })

  it('reports the achievement missing from missing-achievement.json', () => {
    expect(pathsOf(fixture('missing-achievement.json'))).toEqual(['/credentialSubject/achievement'])
  })

  it('reports every wrong type in wrong-types.json', () => {
    expect(pathsOf(fixture('wrong-types.json'))).toEqual(['/type', '/credentialSubject/type', '/credentialSubject/achievement/type'])
  })

  it('requires the VC 1.1 form to have issuanceDate and a name', () => {
    const { issuanceDate, name, ...rest } = fixture('vc11-form.json')
    expect([issuanceDate, name]).not.toContain(undefined)
    expect(pathsOf(rest)).toEqual(['/name', '/issuanceDate'])
  })
})
