import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodeBase64url } from '../encoding/index.js'
import { buildStatusEntry, buildStatusListCredential } from './build-status-list-credential.js'
import { checkStatusEntry } from './check-status-entry.js'
import { statusEntriesOf } from './parse-status-entry.js'
import { StatusList } from './status-list.js'

const URL_ = 'https://issuer.example/status/1'
const ISSUER = 'https://issuer.example'

function listCredential(set: number[] = [], statusPurpose = 'revocation', statusSize = 1) {
  const list = new StatusList({ statusSize })
  for (const index of set) list.set(index, statusSize === 1 ? 1 : 2)
  return buildStatusListCredential({ id: URL_, issuer: ISSUER, statusPurpose, list, validFrom: '2025-01-01T00:00:00Z' })
}
const entry = (index: number, statusPurpose = 'revocation') => buildStatusEntry({ listCredentialUrl: URL_, index, statusPurpose })
const withSubject = (subject: Record<string, unknown>) => {
  const credential = listCredential()
  return { ...credential, credentialSubject: { ...credential.credentialSubject, ...subject } }
}

describe('checkStatusEntry', () => {
  it('reports a set revocation bit as set, and its neighbours as not set', () => {
    const list = listCredential([41])
    expect(checkStatusEntry(entry(41), list)).toMatchObject({ ok: true, purpose: 'revocation', set: true, value: 1 })
    expect(checkStatusEntry(entry(40), list)).toMatchObject({ ok: true, set: false, value: 0 })
    expect(checkStatusEntry(entry(42), list)).toMatchObject({ ok: true, set: false })
  })

  it('accepts a numeric statusListIndex with a warning', () => {
    const check = checkStatusEntry({ ...entry(0), statusListIndex: 41 }, listCredential([41]))
    expect(check).toMatchObject({ ok: true, set: true })
    expect(check.warnings?.[0]).toMatch(/number/)
  })

  it.each(['-1', '1.5', '0x10', ' 1', '', '1e3', '9007199254740993'])('refuses the statusListIndex %j', (statusListIndex) => {
    expect(checkStatusEntry({ ...entry(0), statusListIndex }, listCredential())).toMatchObject({ ok: false, code: 'STATUS_INDEX_INVALID' })
  })

  it('refuses an index past the end of the list', () => {
    expect(checkStatusEntry(entry(131_072), listCredential())).toMatchObject({ ok: false, code: 'STATUS_INDEX_INVALID' })
  })

  it('refuses a list whose statusPurpose is not the entry\'s, and accepts one of several', () => {
    expect(checkStatusEntry(entry(1, 'suspension'), listCredential())).toMatchObject({ ok: false, purpose: 'suspension', code: 'STATUS_PURPOSE_MISMATCH' })
    expect(checkStatusEntry(entry(1, 'suspension'), withSubject({ statusPurpose: ['revocation', 'suspension'] }))).toMatchObject({ ok: true })
  })

  it('reports a missing list credential as a retrieval error', () => {
    expect(checkStatusEntry(entry(1), undefined)).toMatchObject({ ok: false, code: 'STATUS_RETRIEVAL_ERROR' })
  })

  it('refuses a list credential of another type, id or subject shape', () => {
    const credential = listCredential()
    const cases = [
      { ...credential, type: ['VerifiableCredential'] },
      { ...credential, id: 'https://issuer.example/status/2' },
      { ...credential, credentialSubject: [credential.credentialSubject, credential.credentialSubject] },
      withSubject({ type: 'StatusList2021' }),
      withSubject({ encodedList: undefined }),
    ]
    for (const list of cases) expect(checkStatusEntry(entry(1), list)).toMatchObject({ ok: false, code: 'STATUS_VERIFICATION_ERROR' })
  })

  it('gives each corrupted list its code', () => {
    const check = (encodedList: string) => checkStatusEntry(entry(1), withSubject({ encodedList })).code
    const valid = new StatusList().encode()
    expect(check(valid.slice(1))).toBe('STATUS_VERIFICATION_ERROR')
    expect(check('u***')).toBe('STATUS_VERIFICATION_ERROR')
    expect(check('uaGVsbG8')).toBe('STATUS_VERIFICATION_ERROR')
    expect(check('u' + encodeBase64url(gzipSync(new Uint8Array(1024))))).toBe('STATUS_LIST_LENGTH_ERROR')
    expect(checkStatusEntry(entry(1), withSubject({ encodedList: valid }), { maxBytes: 1024 }).message).toMatch(/more than 1024 bytes/)
  })

  it('reads multi-bit entries and names their statusMessage', () => {
    const statusMessage = ['0x0', '0x1', '0x2', '0x3'].map((status) => ({ status, message: `state ${status}` }))
    const messageEntry = buildStatusEntry({ listCredentialUrl: URL_, index: 7, statusPurpose: 'message', statusSize: 2, statusMessage })
    expect(checkStatusEntry(messageEntry, listCredential([7], 'message', 2))).toMatchObject({
      ok: true,
      set: true,
      value: 2,
      statusMessage: { status: '0x2', message: 'state 0x2' },
    })
  })

  it('reads an older StatusList2021Entry from a StatusList2021Credential', () => {
    const list = new StatusList()
    list.set(3)
    const credential = {
      id: URL_,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      credentialSubject: { id: `${URL_}#list`, type: 'StatusList2021', statusPurpose: 'revocation', encodedList: list.encode().slice(1) },
    }
    const old = { id: `${URL_}#3`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: '3', statusListCredential: URL_ }
    expect(checkStatusEntry(old, credential)).toMatchObject({ ok: true, set: true })
  })

  it('reports 1EdTechRevocationList and unknown status types as unsupported', () => {
    const oneEdTech = { id: 'https://issuer.example/revocations/1', type: '1EdTechRevocationList' }
    expect(checkStatusEntry(oneEdTech, listCredential())).toMatchObject({ ok: false, code: 'STATUS_TYPE_UNSUPPORTED' })
    expect(checkStatusEntry({ ...entry(1), type: 'TokenStatusList' }, listCredential())).toMatchObject({ code: 'STATUS_TYPE_UNSUPPORTED' })
  })

  it('refuses entries that are not objects or lack what the spec requires', () => {
    const bad = [null, 'revoked', { ...entry(1), statusPurpose: undefined }, { ...entry(1), statusListCredential: 'status/1' }, { ...entry(1), id: URL_ }, { ...entry(1), statusSize: 0 }]
    for (const value of bad) expect(checkStatusEntry(value, listCredential())).toMatchObject({ ok: false, set: false, code: 'STATUS_ENTRY_INVALID' })
  })
})

describe('statusEntriesOf', () => {
  it('lists one entry, several, or none', () => {
    expect(statusEntriesOf({ credentialStatus: entry(1) })).toEqual([entry(1)])
    expect(statusEntriesOf({ credentialStatus: [entry(1), entry(2)] })).toHaveLength(2)
    expect(statusEntriesOf({})).toEqual([])
    expect(statusEntriesOf('credential')).toEqual([])
  })
})
