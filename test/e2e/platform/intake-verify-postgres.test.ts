// POST /api/v1/verify's containers on PostgreSQL: a baked PNG and a PDF certificate of this instance,
// an Open Badges 2.0 hosted assertion by URL, and a refusal (the SQLite run covers the rest:
// intake-verify.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOb2Issuer, type Ob2Issuer } from '../../support/ob2-issuer.js'
import { hasPostgres, readJson } from '../../support/platform.js'
import { buildPng } from '../../../src/media/fixtures/build-png.js'
import { startCredentialPlatform, type CredentialPlatform, type Issued } from './public-credential-fixture.js'

describe.skipIf(!hasPostgres)('POST /api/v1/verify on PostgreSQL', () => {
  let p: CredentialPlatform
  let ob2: Ob2Issuer
  let issued: Issued
  beforeAll(async () => {
    p = await startCredentialPlatform({ dialect: 'postgres', config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 3000, maxBytes: 4 * 1024 * 1024 } } })
    ob2 = await startOb2Issuer()
    issued = await p.issue({ email: 'pg-intake@example.org' })
    await p.signCheckpoint()
  })
  afterAll(async () => {
    await ob2?.close()
    await p?.close()
  })
  const upload = (bytes: Uint8Array, name: string, type: string) => {
    const form = new FormData()
    form.set('file', new Blob([bytes], { type }), name)
    return p.request('/api/v1/verify', { method: 'POST', body: form })
  }

  it('verifies the baked PNG and the PDF certificate, and a hosted OB 2.0 assertion by URL; refuses a plain PNG', async () => {
    for (const [file, type] of [['badge.png', 'image/png'], ['certificate.pdf', 'application/pdf']] as const) {
      const bytes = new Uint8Array(await (await p.request(`/c/${issued.uuid}/${file}`)).arrayBuffer())
      const res = await upload(bytes, file, type)
      expect(res.status).toBe(200)
      expect((await readJson(res)).verified, file).toBe(true)
    }
    const byUrl = await p.request('/api/v1/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: ob2.hosted().url }) })
    expect((await readJson(byUrl)).verified).toBe(true)
    const plain = await upload(buildPng(8, 8), 'plain.png', 'image/png')
    expect(plain.status).toBe(422)
  })
})
