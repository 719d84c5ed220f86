import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appendToLog } from '../../src/app/log-append.js'
import { loadConfig } from '../../src/config.js'
import { createSigner, generateKeyPair, signCredential } from '../../src/core/proof/index.js'
import { openNote, parseCheckpoint, parseVerifierKey } from '../../src/core/transparency-log/index.js'
import { silentLogger as log } from '../../src/http/logger.js'
import { createApp, openServices } from '../../src/main.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'


describe('a serving instance', () => {
  it('publishes a signed, growing log that survives a restart with the same key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emblem-serve-'))
    const config = loadConfig({ EMBLEM_DATA_DIR: dataDir, EMBLEM_PUBLIC_URL: 'https://badges.example.edu' }, {})
    const signer = createSigner(generateKeyPair())
    const issuer = buildIssuerProfile({ id: signer.verificationMethod.split('#')[0]! })
    // As stored and served: plain JSON.
    const credentials = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const draft = buildRealisticCredential({ issuer, id: `urn:uuid:7d1e0c2a-4b3f-4e5d-8a9b-00000000000${n}` })
        const signed = await signCredential(draft, signer, { suite: 'eddsa-rdfc-2022', created: '2026-01-01T00:00:00Z' })
        return JSON.parse(JSON.stringify(signed)) as { id: string; [property: string]: unknown }
      }),
    )

    const first = await openServices(config, log)
    await appendToLog({ store: first.store, onAppended: first.checkpointer.notify }, credentials)
    await first.checkpointer.settled()
    const app = createApp(config, { log, transparencyLog: first.transparencyLog })
    const note = await (await app.request('/log/checkpoint')).text()
    const verifierKey = await (await app.request('/log/key')).text()
    const checkpoint = parseCheckpoint(openNote(note, [parseVerifierKey(verifierKey.trim())]).text)
    expect(checkpoint.origin).toBe('badges.example.edu/log')
    expect(checkpoint.size).toBe(3)
    await first.close()

    const restarted = await openServices(config, log)
    expect(restarted.transparencyLog.verifierKey).toBe(first.transparencyLog.verifierKey)
    expect((await restarted.store.log.latestCheckpoint())?.checkpoint.size).toBe(3)
    expect(await restarted.store.log.indexOfCredential(credentials[2]!.id)).toBe(2)
    await restarted.close()
  })
})
