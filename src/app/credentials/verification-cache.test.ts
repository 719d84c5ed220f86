// The status lists a VerificationCache keeps for submitted credentials: this instance's own, per list
// version, organization key set and credential issuer; another host's list is always verified.
import { describe, expect, it } from 'vitest'
import type { StatusListResult } from '../../core/verification/verify-status-list.js'
import type { PlatformPorts } from '../platform/ports.js'
import { createVerificationCache } from './verification-cache.js'

const LIST = 'https://badges.example.edu/status/0b5c8a3e-1d2f-4a6b-9c7d-8e9f0a1b2c3d'

function cacheWith(state: { version: number; keys: { id: string; state: string; publicKeyMultibase: string }[] }) {
  const store = {
    repos: {
      statusLists: { versionWithOrg: async () => ({ version: state.version, org: { id: 'org-1', slug: 'uni' } }), version: async () => state.version },
      orgKeys: { keysOf: async () => state.keys },
    },
    log: { latestCheckpoint: async () => undefined },
  } as unknown as PlatformPorts['store']
  return createVerificationCache({ store, clock: { now: () => new Date('2026-12-04T00:00:00Z') }, publicUrl: 'https://badges.example.edu' })
}

describe('VerificationCache.submittedMemo', () => {
  it('verifies an own status list once per version, key set and credential issuer', async () => {
    const state = { version: 1, keys: [{ id: 'k1', state: 'active', publicKeyMultibase: 'z6Mk1' }] }
    const cache = cacheWith(state)
    let verified = 0
    const verify = async (): Promise<StatusListResult> => (verified++, { ok: true, list: { id: LIST } })
    const ask = (issuer: string) => cache.submittedMemo().statusList!(LIST, verify, issuer)
    await ask('did:web:badges.example.edu:orgs:uni')
    await ask('did:web:badges.example.edu:orgs:uni')
    expect(verified).toBe(1)
    // Another issuer naming this list: verified for that issuer (the list must be the credential issuer's).
    await ask('did:web:issuer.example.net')
    expect(verified).toBe(2)
    // A status change (new version) and a revoked key each make the next look verify the list again.
    state.version = 2
    await ask('did:web:badges.example.edu:orgs:uni')
    expect(verified).toBe(3)
    state.keys = [{ ...state.keys[0]!, state: 'revoked' }]
    await ask('did:web:badges.example.edu:orgs:uni')
    expect(verified).toBe(4)
  })

  it('never keeps a list that did not verify, nor another host\'s list', async () => {
    const cache = cacheWith({ version: 1, keys: [] })
    let verified = 0
    const failing = async (): Promise<StatusListResult> => (verified++, { ok: false, code: 'STATUS_VERIFICATION_ERROR', message: 'no' })
    await cache.submittedMemo().statusList!(LIST, failing, undefined)
    await new Promise((resolve) => setImmediate(resolve))
    await cache.submittedMemo().statusList!(LIST, failing, undefined)
    expect(verified).toBe(2)
    let remote = 0
    const elsewhere = async (): Promise<StatusListResult> => (remote++, { ok: true, list: {} })
    await cache.submittedMemo().statusList!('https://issuer.example.net/status/0b5c8a3e-1d2f-4a6b-9c7d-8e9f0a1b2c3d', elsewhere, undefined)
    await cache.submittedMemo().statusList!('https://issuer.example.net/status/0b5c8a3e-1d2f-4a6b-9c7d-8e9f0a1b2c3d', elsewhere, undefined)
    expect(remote).toBe(2)
  })
})
