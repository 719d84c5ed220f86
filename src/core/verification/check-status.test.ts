import { describe, expect, it, vi } from 'vitest'
import { createSigner, didKeyOf, generateKeyPair, signCredential } from '../proof/index.js'
import { StatusList, buildStatusEntry, buildStatusListCredential, type StatusPurpose } from '../status-list/index.js'
import { checkStatus } from './check-status.js'
import { createDocumentSource, createVerificationMethodResolver } from './resolvers/index.js'

const now = new Date('2026-06-01T12:00:00Z')
const keyPair = generateKeyPair()
const signer = createSigner(keyPair)
const did = didKeyOf(keyPair.publicKeyMultibase)

async function signedList(url: string, statusPurpose: StatusPurpose, setIndexes: number[] = [], validUntil?: string) {
  const list = new StatusList()
  for (const index of setIndexes) list.set(index, 1)
  const period = { validFrom: '2025-01-01T00:00:00Z', ...(validUntil ? { validUntil } : {}) }
  const draft = buildStatusListCredential({ id: url, issuer: did, statusPurpose, list, ...period })
  return signCredential(draft, signer, { suite: 'eddsa-rdfc-2022', created: '2025-01-01T00:00:00Z' })
}

const entry = (url: string, statusPurpose: StatusPurpose, index: number) => buildStatusEntry({ listCredentialUrl: url, index, statusPurpose })

function contextOver(lists: Record<string, unknown>) {
  const fetcher = vi.fn(async (url: string) => {
    if (url in lists) return lists[url]
    throw new Error('HTTP 404')
  })
  const source = createDocumentSource(new Map(), fetcher)
  return { fetcher, context: { source, resolver: createVerificationMethodResolver(source), now, issuer: did } }
}

describe('checkStatus', () => {
  it('is skipped for a credential without credentialStatus', async () => {
    const { context, fetcher } = contextOver({})
    expect(await checkStatus({}, context)).toMatchObject({ id: 'status', outcome: 'skipped' })
    expect(fetcher).not.toHaveBeenCalled()
  })

  it('reports a set suspension bit as CREDENTIAL_SUSPENDED', async () => {
    const url = 'https://example.edu/status/suspension'
    const { context } = contextOver({ [url]: await signedList(url, 'suspension', [7]) })
    expect(await checkStatus({ credentialStatus: entry(url, 'suspension', 7) }, context)).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_SUSPENDED' })
  })

  it('passes a set message status, which informs rather than invalidates', async () => {
    const url = 'https://example.edu/status/message'
    const { context } = contextOver({ [url]: await signedList(url, 'message', [7]) })
    expect(await checkStatus({ credentialStatus: entry(url, 'message', 7) }, context)).toMatchObject({ outcome: 'passed' })
  })

  it('reports revocation before an unreadable second list, and fetches each list once', async () => {
    const url = 'https://example.edu/status/revocation'
    const { context, fetcher } = contextOver({ [url]: await signedList(url, 'revocation', [3]) })
    const credentialStatus = [
      entry('https://example.edu/status/gone', 'suspension', 1),
      entry(url, 'revocation', 2),
      entry(url, 'revocation', 3),
    ]
    expect(await checkStatus({ credentialStatus }, context)).toMatchObject({ outcome: 'failed', code: 'CREDENTIAL_REVOKED' })
    expect(fetcher.mock.calls.map(([u]) => u).sort()).toEqual(['https://example.edu/status/gone', url])
  })

  it('refuses an expired status list with STATUS_VERIFICATION_ERROR', async () => {
    const url = 'https://example.edu/status/old'
    const { context } = contextOver({ [url]: await signedList(url, 'revocation', [], '2026-01-01T00:00:00Z') })
    const check = await checkStatus({ credentialStatus: entry(url, 'revocation', 1) }, context)
    expect(check).toMatchObject({ outcome: 'failed', code: 'STATUS_VERIFICATION_ERROR' })
    expect(check.message).toContain('Expired')
  })

  it('refuses a status list whose proof was tampered with', async () => {
    const url = 'https://example.edu/status/tampered'
    const genuine = await signedList(url, 'revocation', [5])
    const clean = await signedList(url, 'revocation')
    const forged = { ...genuine, credentialSubject: clean.credentialSubject }
    const { context } = contextOver({ [url]: forged })
    expect(await checkStatus({ credentialStatus: entry(url, 'revocation', 5) }, context)).toMatchObject({ code: 'STATUS_VERIFICATION_ERROR' })
  })

  it('fails an entry of an unsupported type with STATUS_TYPE_UNSUPPORTED', async () => {
    const { context } = contextOver({})
    const legacy = { id: 'https://example.edu/revocations/1', type: '1EdTechRevocationList' }
    expect(await checkStatus({ credentialStatus: legacy }, context)).toMatchObject({ code: 'STATUS_TYPE_UNSUPPORTED' })
  })
})
