import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { importKeyPair } from '../../src/core/proof/index.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-cli-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '' })
  return { code, out, err }
}

describe('emblem keys generate', () => {
  it('writes a 0600 Multikey file that importKeyPair accepts', async () => {
    const file = join(dir, 'issuer.key.json')
    const { code, out } = await run('keys', 'generate', '--out', file, '--id', 'did:web:example.edu#key-1', '--controller', 'did:web:example.edu')
    expect(code).toBe(0)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const json = JSON.parse(await readFile(file, 'utf8'))
    expect(json.publicKeyMultibase).toMatch(/^z6Mk/)
    expect(json.secretKeyMultibase).toMatch(/^z3u2/)
    expect(json).toMatchObject({ id: 'did:web:example.edu#key-1', controller: 'did:web:example.edu' })
    const keyPair = importKeyPair(json)
    expect(keyPair.privateKey).toBeDefined()
    // Only the public half goes to stdout when the key is written to a file.
    expect(JSON.parse(out)).toEqual({ id: json.id, controller: json.controller, publicKeyMultibase: json.publicKeyMultibase })
  })

  it('prints the key pair when no file is given', async () => {
    const { code, out } = await run('keys', 'generate')
    expect(code).toBe(0)
    expect(importKeyPair(JSON.parse(out)).privateKey).toBeDefined()
  })

  it('refuses to overwrite a file unless --force, and then leaves it 0600', async () => {
    const file = join(dir, 'existing.json')
    await writeFile(file, 'precious', { mode: 0o644 })
    const refused = await run('keys', 'generate', '--out', file)
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('already exists; use --force')
    expect(await readFile(file, 'utf8')).toBe('precious')

    const forced = await run('keys', 'generate', '--out', file, '--force')
    expect(forced.code).toBe(0)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(importKeyPair(JSON.parse(await readFile(file, 'utf8'))).privateKey).toBeDefined()
  })

  it('reports a missing directory without a stack trace', async () => {
    const { code, err } = await run('keys', 'generate', '--out', join(dir, 'nope', 'k.json'))
    expect(code).toBe(2)
    expect(err).toMatch(/^emblem: Cannot write .*directory does not exist\n$/)
  })
})

describe('emblem usage', () => {
  it('exits 2 with a message for an unknown command', async () => {
    const { code, err } = await run('frobnicate')
    expect(code).toBe(2)
    expect(err).toContain("unknown command 'frobnicate'")
    expect(err).not.toMatch(/\n\s+at /)
  })

  it('exits 2 with a message for an unknown option', async () => {
    const { code, err } = await run('keys', 'generate', '--colour', 'blue')
    expect(code).toBe(2)
    expect(err).toContain("unknown option '--colour'")
  })

  it('exits 2 for a missing option value', async () => {
    const { code, err } = await run('keys', 'generate', '--out')
    expect(code).toBe(2)
    expect(err).toContain("option '-o, --out <file>' argument missing")
  })

  it('exits 2 with a list of problems for a bad configuration', async () => {
    const { code, err } = await run('serve', '--port', 'not-a-port')
    expect(code).toBe(2)
    expect(err).toContain('PORT: must be an integer')
  })

  it('prints help and the version with exit 0', async () => {
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('keys')
    const version = await run('--version')
    expect(version.code).toBe(0)
    expect(version.out).toMatch(/^\d+\.\d+\.\d+/)
  })
})
