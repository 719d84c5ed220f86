import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { openNote, parseVerifierKey, signNote } from '../core/transparency-log/index.js'
import { loadOrCreateLogSigner } from './log-signer-key.js'

const origin = 'badges.example.edu/log'
const text = `${origin}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`

describe('the log signing key', () => {
  it('is created on first start with mode 0600 and loaded unchanged after that', async () => {
    for (let run = 0; run < 8; run++) {
      const file = join(mkdtempSync(join(tmpdir(), 'emblem-key-')), 'keys', 'log-signer.key')
      const created = await loadOrCreateLogSigner(file, origin)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const loaded = await loadOrCreateLogSigner(file, origin)
      expect(loaded.verifierKey).toBe(created.verifierKey)
      // What the loaded key signs, the published verifier key opens.
      expect(openNote(signNote(text, [loaded.signer]), [parseVerifierKey(created.verifierKey)]).text).toBe(text)
    }
  })

  it('refuses a key made for another origin, and a file that is not a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emblem-key-'))
    const file = join(dir, 'log-signer.key')
    await loadOrCreateLogSigner(file, origin)
    await expect(loadOrCreateLogSigner(file, 'other.example/log')).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_KEY_INVALID'))
    const junk = join(dir, 'junk.key')
    writeFileSync(junk, 'not a key\n')
    await expect(loadOrCreateLogSigner(junk, origin)).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_KEY_INVALID'))
  })
})

describe('the log signing key under the master key', () => {
  it('is written sealed, opens with the same master key only, and a plain key file still loads', async () => {
    const { masterKeyFrom } = await import('./master-key.js')
    const { randomBytes } = await import('node:crypto')
    const { readFileSync } = await import('node:fs')
    const master = masterKeyFrom(randomBytes(32))
    const dir = mkdtempSync(join(tmpdir(), 'emblem-key-'))
    const file = join(dir, 'log-signer.key')
    const created = await loadOrCreateLogSigner(file, origin, master)
    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk).toMatch(/^sealed:v1\./)
    expect(onDisk).not.toContain('PRIVATE+KEY')
    expect((await loadOrCreateLogSigner(file, origin, master)).verifierKey).toBe(created.verifierKey)
    await expect(loadOrCreateLogSigner(file, origin, masterKeyFrom(randomBytes(32)))).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_KEY_UNAVAILABLE'))
    await expect(loadOrCreateLogSigner(file, origin)).rejects.toSatisfy((err) => isPlatformError(err, 'ERR_KEY_UNAVAILABLE'))
    const plain = join(dir, 'plain.key')
    const unsealed = await loadOrCreateLogSigner(plain, origin)
    expect((await loadOrCreateLogSigner(plain, origin, master)).verifierKey).toBe(unsealed.verifierKey)
  })
})
