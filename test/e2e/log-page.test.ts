import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/http/logger.js'
import { createApp } from '../../src/main.js'
import { loggable, openLogFixture, ORIGIN, type LogFixture } from './log-fixture.js'

const config = loadConfig({}, {})
let fixture: LogFixture
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  fixture = await openLogFixture()
  for (let batch = 0; batch < 4; batch++) {
    await fixture.append(Array.from({ length: 10 * (batch + 1) }, (_, n) => loggable(100 * batch + n)))
    await fixture.signCheckpoint(`2026-01-0${batch + 1}T12:00:00Z`)
  }
  await fixture.append([loggable(999)])
  app = createApp(config, { log: silentLogger, transparencyLog: { reader: fixture.reader, verifierKey: fixture.verifierKey } })
})
afterAll(() => fixture.close())

const page = async (query = '') => {
  const res = await app.request(`/log${query}`)
  expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  return { status: res.status, html: await res.text() }
}

describe('GET /log', () => {
  it('shows the latest checkpoint, its signed note and the verifier key', async () => {
    const { status, html } = await page()
    expect(status).toBe(200)
    expect(html).toContain('<h1>Transparency log</h1>')
    expect(html).toContain(`<code>${ORIGIN}</code>`)
    expect(html).toContain('100 entries')
    expect(html).toContain(fixture.verifierKey)
    expect(html).toContain('— emblem.test/log ')
  })

  it('draws the growth over time as an inline SVG with a text alternative and a data table', async () => {
    const { html } = await page()
    expect(html).toMatch(/<svg class="chart" role="img" aria-labelledby="growth-title growth-desc"/)
    expect(html).toContain('The log grew from 10 entries on 1 January 2026 to 100 on 4 January 2026, over 4 checkpoints.')
    expect(html.match(/<path class="series-line series-1" d="([^"]+)"/)![1]!.match(/[ML]/g)).toHaveLength(4)
    expect(html).toContain('<th scope="col" class="num">Entries</th>')
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/)
  })

  it('has a labelled form that works without JavaScript', async () => {
    const { html } = await page()
    expect(html).toMatch(/<form action="\/log" method="get"/)
    expect(html).toContain('<label for="credential">Credential id</label>')
    expect(html).toContain('<input id="credential" name="credential"')
  })

  it('verifies a logged credential on the server and shows its index', async () => {
    const { html } = await page(`?credential=${encodeURIComponent(loggable(301).id as string)}`)
    expect(html).toContain('<strong>In the log.</strong> Entry 61; its inclusion proof verified against the signed checkpoint of size 100.')
    expect(html).toContain('<code>did:web:example.edu:orgs:demo</code>')
  })

  it('accepts the id as a credential page shows it, without its urn:uuid: prefix', async () => {
    const bare = (loggable(301).id as string).replace('urn:uuid:', '')
    const { html } = await page(`?credential=${bare}`)
    expect(html).toContain('<strong>In the log.</strong> Entry 61;')
    expect(html).toContain(`<code>urn:uuid:${bare}</code>`)
  })

  it('speaks the language the browser asks for', async () => {
    const res = await app.request(`/log?credential=${encodeURIComponent(loggable(301).id as string)}`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } })
    const html = await res.text()
    expect(res.headers.get('content-language')).toBe('de')
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('<strong>Im Protokoll.</strong> Eintrag 61;')
  })

  it('says clearly when a credential is not in the log, or not yet in a signed checkpoint', async () => {
    expect((await page('?credential=urn:uuid:unknown')).html).toContain('<strong>Not in the log.</strong>')
    expect((await page(`?credential=${encodeURIComponent(loggable(999).id as string)}`)).html).toContain('<strong>Not in the log.</strong>')
  })

  it('says the proof does not verify when the stored entry was rewritten', async () => {
    const tampered = await openLogFixture({ file: true })
    await tampered.append([loggable(1), loggable(2)])
    await tampered.signCheckpoint()
    await tampered.tamperEntry(1, new TextEncoder().encode(new TextDecoder().decode((await tampered.reader.leaf(1))!.entry).replace('2026', '2027')))
    const other = createApp(config, { log: silentLogger, transparencyLog: { reader: tampered.reader, verifierKey: tampered.verifierKey } })
    const html = await (await other.request(`/log?credential=${encodeURIComponent(loggable(2).id as string)}`)).text()
    expect(html).toContain('<strong>The inclusion proof does not verify.</strong>')
    await tampered.close()
  })

  it('escapes the credential id it echoes', async () => {
    const { html } = await page(`?credential=${encodeURIComponent('"><script>alert(1)</script>')}`)
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('says the instance publishes no log when none is configured', async () => {
    const res = await createApp(config, { log: silentLogger }).request('/log')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('This instance does not publish a transparency log.')
  })
})
