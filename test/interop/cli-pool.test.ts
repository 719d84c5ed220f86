// `emblem credential sign|verify` over JSON Lines on worker threads (src/cli/credential-pool.ts): the
// same bytes on stdout and stderr, in input order, and the same exit code as in one thread, for
// varied credentials and bad lines among them; verification threads fetch through the main thread;
// and the compiled CLI (bin/emblem.mjs, dist/) starts its .js workers.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Fetcher } from '../../src/app/platform/fetcher.js'
import type { CliServices } from '../../src/cli/services.js'
import { main, type CliIo } from '../../src/cli/main.js'
import { didKeyOf } from '../../src/core/proof/index.js'
import { StatusList, buildStatusListCredential } from '../../src/core/status-list/index.js'
import { buildIssuerProfile, buildRealisticCredential } from '../support/builders.js'
import { arbitraryCredential } from '../support/credential-arbitrary.js'

const NOW = '2026-06-01T12:00:00Z'
const CREATED = '2025-03-01T09:00:00Z'

let dir: string
let keyFile: string
let issuerDid: string
let listId: string
let signedList: string
const path = (name: string) => join(dir, name)

async function run(argv: string[], io: Partial<CliIo> = {}) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => '', ...io })
  return { code, out, err }
}

const credentialFor = (id: string) => buildRealisticCredential({ id, issuer: buildIssuerProfile({ id: issuerDid }) })
const idOf = (i: number) => `urn:uuid:7c0d5e2a-0000-4000-8000-${String(i).padStart(12, '0')}`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-cli-pool-'))
  keyFile = path('issuer.key.json')
  const generated = await run(['keys', 'generate', '--out', keyFile])
  expect(generated.code).toBe(0)
  issuerDid = didKeyOf(JSON.parse(generated.out).publicKeyMultibase)
  listId = (credentialFor(idOf(0)).credentialStatus as unknown as { statusListCredential: string }).statusListCredential
  const list = buildStatusListCredential({ id: listId, issuer: issuerDid, statusPurpose: 'revocation', list: new StatusList(), validFrom: CREATED })
  await writeFile(path('list.json'), JSON.stringify(list))
  const signed = await run(['credential', 'sign', path('list.json'), '--key', keyFile, '--created', CREATED])
  expect(signed.code).toBe(0)
  signedList = signed.out
  await writeFile(path('list.signed.json'), signedList)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emblem credential sign on worker threads', () => {
  it('prints the same bytes in input order as one thread, with the bad lines reported by number', async () => {
    // Varied credentials (every optional part, unicode, numbers, results, evidence…), not a cohort.
    const credentials = fc.sample(arbitraryCredential, { seed: 20261204, numRuns: 300 })
    const lines = credentials.map((c) => JSON.stringify(c))
    lines.splice(17, 0, '{"not": "closed"')
    lines.splice(150, 0, '[1, 2, 3]')
    lines.splice(299, 0, JSON.stringify({ '@context': ['https://unknown.example/context'], type: ['VerifiableCredential'] }))
    await writeFile(path('varied.jsonl'), `${lines.join('\n')}\n`)

    const sign = (threads: string) => run(['credential', 'sign', path('varied.jsonl'), '--key', keyFile, '--created', CREATED, '--threads', threads])
    const one = await sign('1')
    const pooled = await sign('3')
    expect(pooled.out).toBe(one.out)
    expect(pooled.err).toBe(one.err)
    expect(pooled.code).toBe(1)
    expect(one.code).toBe(1)

    const out = one.out.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(out.map((c) => c.id)).toEqual(credentials.map((c) => c.id))
    // Emblem emits `proof` as a set of one (both official OB 3.0 schema variants accept it).
    expect(out.every((c) => Array.isArray(c.proof) && c.proof.length === 1 && c.proof[0].cryptosuite === 'eddsa-rdfc-2022' && c.proof[0].created === CREATED)).toBe(true)
    expect(one.err.trimEnd().split('\n').map((line) => /^emblem: line (\d+): /.exec(line)?.[1])).toEqual(['18', '151', '300'])
  })

  it('reads every line break, blank lines and a line longer than a read the same on threads, numbering lines alike', async () => {
    const credentials = fc.sample(arbitraryCredential, { seed: 20261205, numRuns: 80 }).map((c) => JSON.stringify(c))
    // A 150 KB line (several of the main thread's reads) and a bad line after it.
    credentials[40] = JSON.stringify({ ...JSON.parse(credentials[40]!), name: `Langer Kurs ${'Ü'.repeat(50_000)}` })
    credentials.splice(41, 0, '{"broken": ')
    const breaks = ['\n', '\r\n', '\r', '\n  \n', '\r\n\r\n']
    const text = credentials.map((line, i) => line + breaks[i % breaks.length]).join('')
    await writeFile(path('breaks.jsonl'), text)

    const sign = (threads: string) => run(['credential', 'sign', path('breaks.jsonl'), '--key', keyFile, '--created', CREATED, '--threads', threads])
    const one = await sign('1')
    const pooled = await sign('2')
    expect(pooled.out).toBe(one.out)
    expect(pooled.err).toBe(one.err)
    const signed = one.out.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(signed).toHaveLength(80)
    expect(signed[40].name).toBe(`Langer Kurs ${'Ü'.repeat(50_000)}`)
    // The bad line is the 42nd credential; blank lines before it count: 41 lines, 8 of them followed by a blank one.
    const line = credentials.slice(0, 41).reduce((n, _, i) => n + (i % 5 === 3 || i % 5 === 4 ? 2 : 1), 0) + 1
    expect(one.err).toBe(`emblem: line ${line}: ${/^emblem: line \d+: (.*)$/.exec(one.err.trimEnd())![1]}\n`)
  })

  it('signs with the other suites on threads too', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify(credentialFor(idOf(i))))
    await writeFile(path('suites.jsonl'), `${lines.join('\n')}\n`)
    for (const suite of ['eddsa-jcs-2022', 'vc-jwt']) {
      const sign = (threads: string) => run(['credential', 'sign', path('suites.jsonl'), '--key', keyFile, '--created', CREATED, '--suite', suite, '--threads', threads])
      const [one, pooled] = [await sign('1'), await sign('2')]
      expect(one).toMatchObject({ code: 0, err: '' })
      expect(pooled).toEqual(one)
      expect(one.out.trimEnd().split('\n')).toHaveLength(40)
    }
  })

  it('refuses a --threads that is not a whole number from 1 to 256 (exit 2)', async () => {
    for (const threads of ['0', '1.5', 'many', '257']) {
      const { code, err } = await run(['credential', 'sign', path('suites.jsonl'), '--key', keyFile, '--threads', threads])
      expect(code).toBe(2)
      expect(err).toContain('--threads must be a whole number from 1 to 256')
    }
  })
})

describe('emblem credential verify on worker threads', () => {
  it('prints the same reports in input order as one thread, failing the run for a tampered credential', async () => {
    const signed = await run(['credential', 'sign', '-', '--key', keyFile, '--created', CREATED, '--threads', '1'], {
      readStdin: async () => Array.from({ length: 120 }, (_, i) => JSON.stringify(credentialFor(idOf(i)))).join('\n'),
    })
    expect(signed.code).toBe(0)
    const lines = signed.out.trimEnd().split('\n')
    const tampered = JSON.parse(lines[40]!)
    tampered.credentialSubject.achievement.name = 'Something else'
    lines[40] = JSON.stringify(tampered)
    lines.splice(90, 0, '{"not":"a credential"}')
    await writeFile(path('signed.jsonl'), `${lines.join('\n')}\n`)

    const verify = (threads: string) =>
      run(['credential', 'verify', path('signed.jsonl'), '--now', NOW, '--offline', '--document', path('list.signed.json'), '--threads', threads])
    const one = await verify('1')
    const pooled = await verify('2')
    expect(pooled).toEqual(one)
    expect(one.code).toBe(1)
    const verified = one.out.trimEnd().split('\n').map((line) => JSON.parse(line).verified)
    expect(verified).toHaveLength(121)
    expect(verified.flatMap((v, i) => (v ? [] : [i]))).toEqual([40, 90])
  })

  it('fetches what the threads need through the main thread, each URL once per run', async () => {
    const fetched: string[] = []
    const documents = new Map([[listId, signedList]])
    const fetcher: Fetcher = async (url) => {
      fetched.push(String(url))
      const text = documents.get(String(url))
      return { status: text === undefined ? 404 : 200, contentType: 'application/json', body: new TextEncoder().encode(text ?? 'not found'), url: String(url) }
    }
    const services = { fetcher: () => fetcher } as unknown as CliServices
    const { code, out, err } = await run(['credential', 'verify', path('signed.jsonl'), '--now', NOW, '--threads', '2'], { services })
    expect(err).toBe('')
    expect(code).toBe(1)
    const reports = out.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(reports.filter((r) => r.verified)).toHaveLength(119)
    expect(reports[0].checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ outcome: 'passed' })
    expect(fetched).toEqual([listId])
  })
})

describe('the compiled CLI', () => {
  it('signs on its .js worker threads with the same output as the sources in one thread', async () => {
    const one = await run(['credential', 'sign', path('varied.jsonl'), '--key', keyFile, '--created', CREATED, '--threads', '1'])
    const child = await promisify(execFile)('node', ['bin/emblem.mjs', 'credential', 'sign', path('varied.jsonl'), '--key', keyFile, '--created', CREATED, '--threads', '2'], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { code: number; stdout: string; stderr: string }) => err)
    expect(child.stdout).toBe(one.out)
    expect(child.stderr).toBe(one.err)
    expect((child as { code?: number }).code).toBe(1)
  })
})
