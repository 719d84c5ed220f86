import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateMasterKey, masterKeyFrom, parseMasterKey } from './master-key.js'

const secret = new TextEncoder().encode('z3u2en7t5LR2WtQH5PfsRvnSSBVVZsskqqQj9GoRQLN7WZ')

describe('the master key', () => {
  it('seals so that only the same key and context open, and never the same ciphertext twice', () => {
    const key = masterKeyFrom(randomBytes(32))
    const a = key.seal(secret, 'org-1/key-1')
    expect(a).not.toBe(key.seal(secret, 'org-1/key-1'))
    expect(Buffer.from(key.open(a, 'org-1/key-1')).equals(Buffer.from(secret))).toBe(true)
    expect(() => key.open(a, 'org-2/key-1')).toThrow(expect.objectContaining({ code: 'ERR_KEY_UNAVAILABLE' }))
    expect(() => masterKeyFrom(randomBytes(32)).open(a, 'org-1/key-1')).toThrow(expect.objectContaining({ code: 'ERR_KEY_UNAVAILABLE' }))
    const flipped = a.slice(0, -2) + (a.at(-2) === 'A' ? 'B' : 'A') + a.at(-1)
    expect(() => key.open(flipped, 'org-1/key-1')).toThrow(expect.objectContaining({ code: 'ERR_KEY_UNAVAILABLE' }))
  })

  it('is generated once into the data directory with mode 0600, or taken from configuration', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emblem-master-')), 'data', 'master.key')
    const first = await loadOrCreateMasterKey({ file })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const sealed = first.seal(secret, 'x')
    expect((await loadOrCreateMasterKey({ file })).open(sealed, 'x')).toEqual(secret)
    const configured = readFileSync(file, 'utf8').trim()
    expect((await loadOrCreateMasterKey({ value: configured, file: '/nonexistent/never-read' })).open(sealed, 'x')).toEqual(secret)
    expect(parseMasterKey(Buffer.from(configured, 'base64url').toString('hex')).open(sealed, 'x')).toEqual(secret)
  })

  it('refuses a master key of the wrong length', () => {
    expect(() => parseMasterKey('abcd')).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
    expect(() => masterKeyFrom(new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
  })
})
