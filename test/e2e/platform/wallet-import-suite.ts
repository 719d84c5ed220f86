// Wallet import (POST /api/v1/wallet/credentials) end to end, on SQLite (wallet-import.test.ts) and
// PostgreSQL (wallet-import-postgres.test.ts): Emblem's own JSON and baked PNG, an OB 2.0 hosted
// assertion served by a local issuer, a signed 2.0 one; tampered copies kept as unverified;
// duplicates recognised (no second copy); bad input a 4xx; the owner, another learner, an
// organization member, an API key and anonymous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractFromPng } from '../../../src/media/index.js'
import { startOb2Issuer, type Ob2Issuer } from '../../support/ob2-issuer.js'
import { readJson, type TestSession } from '../../support/platform.js'
import { startCredentialPlatform, type CredentialPlatform, type Issued } from './public-credential-fixture.js'

export function describeWalletImport(dialect: 'sqlite' | 'postgres'): void {
  describe(`wallet import (${dialect})`, () => {
    let p: CredentialPlatform
    let ob2: Ob2Issuer
    let issued: Issued
    let learner: TestSession
    let other: TestSession
    beforeAll(async () => {
      p = await startCredentialPlatform({ dialect, config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 3000, maxBytes: 4 * 1024 * 1024 } } })
      ob2 = await startOb2Issuer()
      issued = await p.issue({ email: 'import@example.org', name: 'Noor Haddad' })
      await p.signCheckpoint()
      learner = await p.t.seedUser()
      other = await p.t.seedUser()
    })
    afterAll(async () => {
      await ob2?.close()
      await p?.close()
    })

    const send = (init: { as?: TestSession | string; body: RequestInit['body']; type?: string }) => {
      const headers = new Headers({ accept: 'application/json' })
      if (typeof init.as === 'string') headers.set('authorization', `Bearer ${init.as}`)
      else if (init.as) {
        headers.set('cookie', init.as.cookie)
        headers.set('x-csrf-token', init.as.csrf)
      }
      if (init.type) headers.set('content-type', init.type)
      return p.app.request('/api/v1/wallet/credentials', { method: 'POST', headers, body: init.body })
    }
    const json = (as: TestSession | string | undefined, value: unknown) => send({ ...(as ? { as } : {}), body: JSON.stringify(value), type: 'application/json' })
    const upload = (as: TestSession, bytes: Uint8Array, name: string, type: string) => {
      const form = new FormData()
      form.set('file', new Blob([bytes], { type }), name)
      return send({ as, body: form })
    }
    const items = async (as: TestSession) => ((await readJson(await p.app.request('/api/v1/wallet/credentials', { headers: { cookie: as.cookie, accept: 'application/json' } }))) as { items: { id: string; verified: boolean; format: string; display: { name: string } }[] }).items
    const documentText = async () => (await (await p.request(`/credentials/${issued.uuid}`, { headers: { accept: 'application/vc' } })).text())

    it('keeps a credential of this instance sent as {"credential"}: 201, verified, listed in the wallet', async () => {
      const res = await json(learner, { credential: JSON.parse(await documentText()) })
      const body = await readJson(res)
      expect(res.status, JSON.stringify(body)).toBe(201)
      expect(body).toMatchObject({ id: expect.stringMatching(/^w_/), credentialId: issued.id, verified: true, duplicate: false })
      expect(body.report.checks.find((c: { id: string }) => c.id === 'proof').outcome).toBe('passed')
      expect((await items(learner)).map((i) => i.id)).toContain(body.id)
    })

    it('recognises the same credential sent again (200, duplicate: true, no second copy)', async () => {
      const before = (await items(learner)).length
      const res = await send({ as: learner, body: await documentText(), type: 'application/json' })
      expect(res.status).toBe(200)
      expect(await readJson(res)).toMatchObject({ duplicate: true, credentialId: issued.id })
      expect((await items(learner)).length).toBe(before)
    })

    it('keeps the baked PNG badge uploaded as a file, and the same for another learner on their own', async () => {
      const png = new Uint8Array(await (await p.request(`/c/${issued.uuid}/badge.png`)).arrayBuffer())
      const res = await upload(other, png, 'badge.png', 'image/png')
      const body = await readJson(res)
      expect(res.status, JSON.stringify(body)).toBe(201)
      expect(body.verified).toBe(true)
      // the learner's copy (imported as JSON text above) is not this one, and neither sees the other's
      expect((await items(other)).map((i) => i.id)).toEqual([body.id])
      const foreign = await p.app.request(`/api/v1/wallet/credentials/${body.id}`, { headers: { cookie: learner.cookie, accept: 'application/json' } })
      expect(foreign.status).toBe(404)
      expect(extractFromPng(png)).toBeTruthy()
    })

    it('keeps an Open Badges 2.0 hosted assertion by its URL and a signed one as text, with their display', async () => {
      const hosted = await json(learner, { url: ob2.hosted().url })
      const hostedBody = await readJson(hosted)
      expect(hosted.status, JSON.stringify(hostedBody)).toBe(201)
      expect(hostedBody.verified).toBe(true)
      const signed = await send({ as: learner, body: (await ob2.signed()).jws, type: 'text/plain' })
      expect(signed.status).toBe(201)
      expect((await readJson(signed)).verified).toBe(true)
      const kept = (await items(learner)).filter((i) => i.format === 'ob2')
      expect(kept).toHaveLength(2)
      expect(kept.every((i) => i.display.name === 'Laser Cutter Safety')).toBe(true)
    })

    it('keeps a tampered credential, clearly marked (201, verified: false)', async () => {
      const tampered = JSON.parse(await documentText()) as { credentialSubject: { achievement: { name: string } } }
      tampered.credentialSubject.achievement.name = 'Something more impressive'
      const res = await json(learner, { credential: tampered })
      expect(res.status).toBe(201)
      expect(await readJson(res)).toMatchObject({ verified: false, duplicate: false })
      const copy = await json(learner, { ...ob2.hosted().assertion, issuedOn: '2025-12-31T00:00:00Z' })
      expect(copy.status).toBe(201)
      expect((await readJson(copy)).verified).toBe(false)
    })

    it('answers bad input with a 4xx problem naming it', async () => {
      const cases: [Response, number][] = [
        [await send({ as: learner, body: '', type: 'application/json' }), 400],
        [await json(learner, { url: `${ob2.origin}/missing` }), 400],
        [await upload(learner, new Uint8Array(), 'empty.json', 'application/json'), 400],
        [await send({ as: learner, body: 'not a credential', type: 'text/plain' }), 400],
        [await send({ as: learner, body: '{"broken": ', type: 'application/json' }), 400],
      ]
      for (const [res, status] of cases) {
        expect(res.status).toBe(status)
        expect(res.headers.get('content-type')).toBe('application/problem+json')
      }
    })

    it('is the signed-in person’s own: anonymous 401, an API key refused, an organization member imports into their own wallet', async () => {
      const credential = JSON.parse(await documentText())
      expect([401, 403]).toContain((await json(undefined, { credential })).status)
      const key = await p.t.seedApiKey(p.org, 'admin')
      expect([401, 403]).toContain((await json(key, { credential })).status)
      const member = await p.t.seedUser()
      await p.t.seedMember(p.org, member, 'issuer')
      const res = await json(member, { credential })
      expect(res.status).toBe(201)
      expect((await items(member)).length).toBe(1)
    })
  })
}
