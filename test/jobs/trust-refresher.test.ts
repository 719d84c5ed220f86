// The trust registry refresher keeps a subscribed registry current on its own: at start it fetches
// a registry never refreshed, and once six hours have passed it fetches it again.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTrustRefresher } from '../../src/jobs/trust-refresher.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

describe('the trust registry refresher', () => {
  let t: TestPlatform
  let server: Server
  let body = ''
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t = await startTestPlatform({ config: { fetch: { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 5000, maxBytes: 1_000_000 } } })
  })
  afterAll(async () => {
    await t?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('fetches a registry never refreshed at start, and again once it is due', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/registry.json`
    await t.store.db.insertInto('trust_registries').values({ id: 'r1', name: 'Scheduled', url, format: 'list', refreshed_at: null, last_error: null, created_at: t.clock.now().toISOString() }).execute()
    body = JSON.stringify([{ id: 'did:web:one.example', name: 'One' }])
    const runs: { refreshed: number; failed: number }[] = []
    const refresher = startTrustRefresher({ platform: t.ports, intervalMs: 60_000, onRun: (r) => runs.push(r) })
    await refresher.settled()
    expect(runs).toEqual([{ refreshed: 1, failed: 0 }])
    expect(await t.platform.trust.trustOf('did:web:one.example')).toEqual({ trusted: true, list: 'Scheduled' })

    body = JSON.stringify([{ id: 'did:web:two.example', name: 'Two' }])
    refresher.notify()
    await refresher.settled()
    expect(runs).toHaveLength(1) // not due yet
    t.clock.advance(6 * 60 * 60 * 1000 + 1)
    refresher.notify()
    await refresher.settled()
    await refresher.stop()
    expect(runs).toEqual([{ refreshed: 1, failed: 0 }, { refreshed: 1, failed: 0 }])
    expect(await t.platform.trust.trustOf('did:web:one.example')).toEqual({ trusted: false })
    expect(await t.platform.trust.trustOf('did:web:two.example')).toEqual({ trusted: true, list: 'Scheduled' })
  })
})
