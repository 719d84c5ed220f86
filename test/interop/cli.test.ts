// `emblem credential sign|verify` end to end: in-process through main(argv) with captured output, and
// once as a child process through bin/emblem.mjs. Every verification is offline (did:key issuers,
// status lists passed with --document), so nothing here touches the network.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { didKeyOf } from '../../src/core/proof/index.js'
import { StatusList, buildStatusListCredential } from '../../src/core/status-list/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'

const NOW = '2026-06-01T12:00:00Z'
const CREATED = '2025-03-01T09:00:00Z'

let dir: string
let keyFile: string
let issuerDid: string
const path = (name: string) => join(dir, name)

async function run(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '' })
  return { code, out, err }
}

/** Runs a command that must succeed, and returns what it printed. */
async function ok(...argv: string[]): Promise<string> {
  const result = await run(...argv)
  expect(result.err, result.err).toBe('')
  expect(result.code).toBe(0)
  return result.out
}

const credentialFor = (id: string) => buildRealisticCredential({ id, issuer: buildIssuerProfile({ id: issuerDid }) })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-credential-cli-'))
  keyFile = path('issuer.key.json')
  const generated = await run('keys', 'generate', '--out', keyFile)
  expect(generated.code).toBe(0)
  issuerDid = didKeyOf(JSON.parse(generated.out).publicKeyMultibase)
  // The status list every credential points at, signed through the CLI as well.
  const entry = credentialFor('urn:uuid:9a1c2f1e-0000-4000-8000-0000000000ff').credentialStatus as unknown as { statusListCredential: string }
  const list = buildStatusListCredential({
    id: entry.statusListCredential,
    issuer: issuerDid,
    statusPurpose: 'revocation',
    list: new StatusList(),
    validFrom: CREATED,
  })
  await writeFile(path('list.json'), JSON.stringify(list))
  await writeFile(path('list.signed.json'), await ok('credential', 'sign', path('list.json'), '--key', keyFile, '--created', CREATED))
  await writeFile(path('credential.json'), JSON.stringify(credentialFor('urn:uuid:9a1c2f1e-0000-4000-8000-000000000001'), null, 2))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const verifyArgs = (file: string, ...more: string[]) => ['credential', 'verify', file, '--now', NOW, '--offline', '--document', path('list.signed.json'), ...more]

describe('emblem credential sign and verify', () => {
  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc-jwt'])('round-trips a generated key, a signature and a verification with %s', async (suite) => {
    const signed = await ok('credential', 'sign', path('credential.json'), '--key', keyFile, '--suite', suite, '--created', CREATED)
    if (suite === 'vc-jwt') expect(signed.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    else expect(JSON.parse(signed).proof).toMatchObject([{ cryptosuite: suite, created: CREATED, verificationMethod: expect.stringContaining(issuerDid) }])
    await writeFile(path(`signed-${suite}`), signed)

    const readable = await ok(...verifyArgs(path(`signed-${suite}`)))
    expect(readable).toMatch(/✓ proof/)
    expect(readable).toMatch(/✓ status/)
    expect(readable).toMatch(/– log-inclusion +transparency log not yet available/)
    expect(readable.trimEnd().split('\n').at(-1)).toBe('VERIFIED')

    const json = JSON.parse(await ok(...verifyArgs(path(`signed-${suite}`), '--json')))
    expect(json.verified).toBe(true)
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual(['parse', 'schema', 'proof', 'issuer-binding', 'validity-period', 'status', 'log-inclusion'])
  })

  it('signs and verifies 50 credentials as JSON Lines, one output line per input line, in order', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `urn:uuid:9a1c2f1e-0000-4000-8000-${String(i).padStart(12, '0')}`)
    await writeFile(path('batch.jsonl'), `${ids.map((id) => JSON.stringify(credentialFor(id))).join('\n')}\n`)
    const signed = await ok('credential', 'sign', path('batch.jsonl'), '--key', keyFile, '--created', CREATED)
    const lines = signed.trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(ids)

    await writeFile(path('batch.signed.jsonl'), signed)
    const reports = (await ok(...verifyArgs(path('batch.signed.jsonl')))).trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(reports).toHaveLength(50)
    expect(reports.every((r) => r.verified === true)).toBe(true)
  })

  it('exits 1 for a tampered credential and says which check failed', async () => {
    const signed = JSON.parse(await readFile(path('signed-eddsa-rdfc-2022'), 'utf8'))
    signed.credentialSubject.achievement.name = 'FAIR Data Stewardship (with honours)'
    await writeFile(path('tampered.json'), JSON.stringify(signed))
    const { code, out } = await run(...verifyArgs(path('tampered.json')))
    expect(code).toBe(1)
    expect(out).toMatch(/✗ proof +PROOF_SIGNATURE_INVALID: /)
    expect(out.trimEnd().split('\n').at(-1)).toBe('NOT VERIFIED')
  })

  it('exits 1 when any line of a JSON Lines batch does not verify, reporting every line', async () => {
    const good = (await readFile(path('signed-eddsa-jcs-2022'), 'utf8')).trim()
    const compactGood = JSON.stringify(JSON.parse(good))
    await writeFile(path('mixed.jsonl'), [compactGood, '{"not":"a credential"}', compactGood].join('\n'))
    const { code, out } = await run(...verifyArgs(path('mixed.jsonl')))
    expect(code).toBe(1)
    expect(out.trimEnd().split('\n').map((line) => JSON.parse(line).verified)).toEqual([true, false, true])
  })

  it('exits 2 with a clear message for a key file that is not a Multikey key pair', async () => {
    await writeFile(path('bad.key.json'), JSON.stringify({ publicKeyMultibase: 'z6MkNotAKey', secretKeyMultibase: 'nope' }))
    const bad = await run('credential', 'sign', path('credential.json'), '--key', path('bad.key.json'))
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/^emblem: Key file .*bad\.key\.json: /)
    expect(bad.out).toBe('')

    await writeFile(path('not-json.key'), 'secret')
    const notJson = await run('credential', 'sign', path('credential.json'), '--key', path('not-json.key'))
    expect(notJson).toMatchObject({ code: 2, err: expect.stringContaining('is not JSON') })
    const missing = await run('credential', 'sign', path('credential.json'), '--key', path('missing.key'))
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('no such file') })
  })

  it('exits 2 for a missing input file, an invalid --now and an unknown suite', async () => {
    expect((await run(...verifyArgs(path('missing.json')))).code).toBe(2)
    expect((await run('credential', 'verify', path('signed-eddsa-rdfc-2022'), '--now', 'yesterday')).code).toBe(2)
    expect((await run('credential', 'sign', path('credential.json'), '--key', keyFile, '--suite', 'rsa')).code).toBe(2)
  })

  it('runs as a child process through bin/emblem.mjs with the same exit codes', async () => {
    const exec = promisify(execFile)
    const { stdout } = await exec('node', ['bin/emblem.mjs', ...verifyArgs(path('signed-vc-jwt'))], { cwd: process.cwd() })
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('VERIFIED')
    await expect(exec('node', ['bin/emblem.mjs', ...verifyArgs(path('tampered.json'))])).rejects.toMatchObject({ code: 1 })
  })
})
