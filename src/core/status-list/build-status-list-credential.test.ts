import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../errors.js'
import { buildStatusEntry, buildStatusListCredential } from './build-status-list-credential.js'
import { StatusList } from './status-list.js'

const URL_ = 'https://issuer.example/status/3'
const ISSUER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'

describe('buildStatusListCredential', () => {
  it('builds an unsigned VC 2.0 BitstringStatusListCredential around the encoded list', () => {
    const list = new StatusList()
    list.set(5)
    const credential = buildStatusListCredential({ id: URL_, issuer: ISSUER, statusPurpose: 'revocation', list, validFrom: '2025-01-01T00:00:00Z' })
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: URL_,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: `${URL_}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: list.encode() },
    })
    expect(StatusList.decode(credential.credentialSubject.encodedList).isSet(5)).toBe(true)
  })

  it('writes Dates as dateTimeStamps and carries validUntil and ttl when given', () => {
    const credential = buildStatusListCredential({
      id: URL_,
      issuer: { id: ISSUER, name: 'Example University' },
      statusPurpose: 'suspension',
      encodedList: new StatusList().encode(),
      validFrom: new Date(Date.UTC(2025, 0, 1)),
      validUntil: '2025-01-02T00:00:00+01:00',
      ttl: 300_000,
    })
    expect(credential.validFrom).toBe('2025-01-01T00:00:00Z')
    expect(credential.validUntil).toBe('2025-01-02T00:00:00+01:00')
    expect(credential.issuer).toEqual({ id: ISSUER, name: 'Example University' })
    expect(credential.credentialSubject.ttl).toBe(300_000)
    expect(credential.credentialSubject.statusPurpose).toBe('suspension')
  })

  it('refuses an encodedList that would fail at every verifier', () => {
    let error: unknown
    try {
      buildStatusListCredential({ id: URL_, issuer: ISSUER, statusPurpose: 'revocation', encodedList: 'uH4sIAAAAAAAAAwMAAAAAAAAAAAA', validFrom: '2025-01-01T00:00:00Z' })
    } catch (err) {
      error = err
    }
    expect(isPlatformError(error, 'ERR_STATUS_LIST_LENGTH')).toBe(true)
  })

  it('treats missing or malformed input as a programming error', () => {
    const base = { id: URL_, issuer: ISSUER, statusPurpose: 'revocation', list: new StatusList(), validFrom: '2025-01-01T00:00:00Z' }
    expect(() => buildStatusListCredential({ ...base, id: `${URL_}#x` })).toThrow(TypeError)
    expect(() => buildStatusListCredential({ ...base, issuer: 'not a url' })).toThrow(TypeError)
    expect(() => buildStatusListCredential({ ...base, statusPurpose: '' })).toThrow(TypeError)
    expect(() => buildStatusListCredential({ ...base, encodedList: base.list.encode() })).toThrow(/exactly one/)
    expect(() => buildStatusListCredential({ ...base, validFrom: '2025-01-01' })).toThrow(TypeError)
    expect(() => buildStatusListCredential({ ...base, ttl: -1 })).toThrow(TypeError)
  })
})

describe('buildStatusEntry', () => {
  it('builds a BitstringStatusListEntry whose index is a base-10 string', () => {
    expect(buildStatusEntry({ listCredentialUrl: URL_, index: 94567, statusPurpose: 'revocation' })).toEqual({
      id: `${URL_}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: URL_,
    })
  })

  it('carries statusSize and statusMessage for multi-bit entries and insists they agree', () => {
    const statusMessage = ['0x0', '0x1', '0x2', '0x3'].map((status) => ({ status, message: `state ${status}` }))
    const entry = buildStatusEntry({ listCredentialUrl: URL_, index: 0, statusPurpose: 'message', statusSize: 2, statusMessage })
    expect(entry).toMatchObject({ statusSize: 2, statusMessage })
    expect(() => buildStatusEntry({ listCredentialUrl: URL_, index: 0, statusPurpose: 'message', statusSize: 2 })).toThrow(TypeError)
  })

  it('refuses a negative or fractional index', () => {
    expect(() => buildStatusEntry({ listCredentialUrl: URL_, index: -1, statusPurpose: 'revocation' })).toThrow(TypeError)
    expect(() => buildStatusEntry({ listCredentialUrl: URL_, index: 1.5, statusPurpose: 'revocation' })).toThrow(TypeError)
  })
})
