// The OB 3.0 API's stores (migration 0020) on SQLite and, with TEST_DATABASE_URL, PostgreSQL: what
// oidc-provider's adapter relies on (find by id, uid and user code; expiry; consume; revoking by
// grant), an account's grants, the sweep, the shared cookie keys, the hosted Profile, and account
// deletion taking the account's records along.
import { describe, expect, it } from 'vitest'
import { oauthUseCases } from '../../src/app/oauth/oauth-use-cases.js'
import type { PlatformPorts } from '../../src/app/platform/ports.js'
import { openStore, type Store } from '../../src/store/index.js'
import { openTestPostgresStore, TEST_DATABASE_URL } from './postgres-schema.js'
import { contractClock, seedUser, type OpenStore } from './repo-fixtures.js'

function describeOAuthRepos(name: string, open: OpenStore): void {
  describe(`${name}: OB 3.0 API records`, () => {
    it('finds records by id, uid and user code until they expire; consumes, destroys and revokes by grant', async () => {
      const clock = contractClock()
      const store: Store = await open({ now: clock.now })
      try {
        const repo = store.repos.oauth
        const t = clock.now().getTime()
        await repo.upsert('Session', 's1', { uid: 'u-1', accountId: 'acc' }, t + 60_000, t)
        await repo.upsert('DeviceCode', 'd1', { userCode: 'ABCD-EFGH', grantId: 'g1' }, t + 60_000, t)
        await repo.upsert('AccessToken', 'a1', { grantId: 'g1', accountId: 'acc', clientId: 'c1' }, t + 60_000, t)
        await repo.upsert('RefreshToken', 'r1', { grantId: 'g1', accountId: 'acc', clientId: 'c1' }, t + 60_000, t)
        await repo.upsert('AccessToken', 'a2', { grantId: 'g2', accountId: 'acc', clientId: 'c1' }, t + 60_000, t)
        await repo.upsert('Grant', 'g1', { accountId: 'acc', clientId: 'c1', iat: 1 }, null, t)
        await repo.upsert('Client', 'c1', { client_id: 'c1', client_name: 'Wallet' }, null, t)

        expect((await repo.find('AccessToken', 'a1', t))?.payload).toEqual({ grantId: 'g1', accountId: 'acc', clientId: 'c1' })
        expect((await repo.findByUid('Session', 'u-1', t))?.id).toBe('s1')
        expect((await repo.findByUserCode('DeviceCode', 'ABCD-EFGH', t))?.id).toBe('d1')
        expect(await repo.find('AccessToken', 'missing', t)).toBeUndefined()
        expect(await repo.find('AccessToken', 'a1', t + 60_001)).toBeUndefined() // expired
        expect((await repo.find('Grant', 'g1', t + 10 ** 12))?.expiresAt).toBeNull() // never expires

        // upsert replaces the payload and expiry, keeps one row
        await repo.upsert('AccessToken', 'a1', { grantId: 'g1', accountId: 'acc', clientId: 'c1', extra: true }, t + 120_000, t)
        expect((await repo.find('AccessToken', 'a1', t + 90_000))?.payload.extra).toBe(true)

        await repo.consume('AccessToken', 'a1', t)
        expect((await repo.find('AccessToken', 'a1', t))?.consumed).toBe(true)
        await repo.destroy('Session', 's1')
        expect(await repo.findByUid('Session', 'u-1', t)).toBeUndefined()

        await repo.revokeByGrantId('g1')
        expect(await repo.find('AccessToken', 'a1', t)).toBeUndefined()
        expect(await repo.find('RefreshToken', 'r1', t)).toBeUndefined()
        expect(await repo.find('AccessToken', 'a2', t)).toBeDefined() // another grant's token stays
        expect(await repo.find('Grant', 'g1', t)).toBeDefined() // the grant itself is the use case's to remove

        expect((await repo.byAccount('Grant', 'acc', t)).map((r) => r.id)).toEqual(['g1'])
        expect(await repo.byAccount('Grant', 'someone-else', t)).toEqual([])

        await repo.insertNew('Secret', 'k', { keys: ['first'] }, t)
        await repo.insertNew('Secret', 'k', { keys: ['second'] }, t)
        expect((await repo.find('Secret', 'k', t))?.payload).toEqual({ keys: ['first'] })

        expect(await repo.find('DeviceCode', 'd1', t)).toBeUndefined() // made under g1 too
        expect(await repo.sweep(t + 200_000, 100)).toBe(1) // a2: expired; the grant, client and secret never expire
        expect(await repo.find('AccessToken', 'a2', t)).toBeUndefined()
        expect(await repo.find('Client', 'c1', t)).toBeDefined()
      } finally {
        await store.close()
      }
    })

    it('lists and disconnects an account’s apps, keeps cookie keys once, a Profile, and forgets it all with the account', async () => {
      const clock = contractClock()
      const store: Store = await open({ now: clock.now })
      try {
        const user = await seedUser(store)
        const other = await seedUser(store, 'Grace Hopper')
        let n = 0
        const ports = { store, clock, random: { uuid: () => `id-${++n}`, token: () => `token-${++n}`, int: () => 0 }, holderKeys: { ensure: async () => ({ did: 'did:key:z6Mk', publicKeyMultibase: 'z6Mk' }) } } as unknown as PlatformPorts
        const oauth = oauthUseCases(ports)
        await oauth.records.upsert('Client', 'c1', { client_id: 'c1', client_name: 'Wallet', client_uri: 'https://wallet.example/', redirect_uris: ['https://wallet.example/cb'] }, undefined)
        await oauth.records.upsert('Grant', 'g1', { accountId: user.id, clientId: 'c1', iat: 1_700_000_000, resources: { 'https://x/ims/ob/v3p0': 'https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly' } }, 3600)
        await oauth.records.upsert('Grant', 'g2', { accountId: user.id, clientId: 'c1', iat: 1_700_000_100, openid: { scope: 'offline_access' } }, 3600)
        await oauth.records.upsert('AccessToken', 'a1', { accountId: user.id, clientId: 'c1', grantId: 'g1' }, 3600)
        await oauth.records.upsert('Grant', 'g3', { accountId: other.id, clientId: 'c1', iat: 1_700_000_000 }, 3600)

        const grants = await oauth.grants(user.id)
        expect(grants).toHaveLength(1)
        expect(grants[0]).toMatchObject({ id: 'c1', client: { name: 'Wallet', clientUri: 'https://wallet.example/' }, grantedAt: new Date(1_700_000_000_000).toISOString() })
        expect(grants[0]!.scopes).toEqual(['https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly', 'offline_access'])

        await expect(oauth.revokeGrant(user.id, 'no-such-client')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' })
        await oauth.revokeGrant(user.id, 'c1')
        expect(await oauth.grants(user.id)).toEqual([])
        expect(await oauth.records.find('AccessToken', 'a1')).toBeUndefined()
        expect(await oauth.grants(other.id)).toHaveLength(1) // another account's connection stays

        const keys = await oauth.cookieKeys()
        expect(await oauthUseCases(ports).cookieKeys()).toEqual(keys) // a second process reads the same keys

        expect(await oauth.profile(user.id)).toMatchObject({ id: 'did:key:z6Mk', type: ['Profile'], name: 'Ada Lovelace' })
        await expect(oauth.putProfile(user.id, { name: 'no type' })).rejects.toMatchObject({ code: 'ERR_INPUT_INVALID' })
        await oauth.putProfile(user.id, { id: 'https://1edtech.org/issuers/cert', type: ['Profile'], name: 'Ada L.' })
        expect(await oauth.profile(user.id)).toMatchObject({ id: 'https://1edtech.org/issuers/cert', name: 'Ada L.' })

        await oauth.records.upsert('Grant', 'g4', { accountId: user.id, clientId: 'c1', iat: 1 }, 3600)
        await store.repos.holder.deleteAccount(user.id)
        expect(await oauth.records.find('Grant', 'g4')).toBeUndefined()
        expect(await store.repos.obProfiles.get(user.id)).toBeUndefined()
      } finally {
        await store.close()
      }
    })
  })
}

describeOAuthRepos('sqlite', async ({ now }) => {
  const store = await openStore({ url: ':memory:', now })
  await store.migrate()
  return store
})
const pgUrl = TEST_DATABASE_URL
if (pgUrl) describeOAuthRepos('postgres', ({ now }) => openTestPostgresStore(pgUrl, { now }))
else describe.skip('postgres: OB 3.0 API records (set TEST_DATABASE_URL)', () => it('skipped', () => {}))
