// `emblem --help` and `emblem <command> --help` start at once: the compiled CLI loads commander and
// the command definitions, and none of the heavy modules a command's work needs.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const HEAVY = ['jsonld', 'rdf-canonize', 'kysely', 'better-sqlite3', 'pg', 'pdf-lib', '@resvg/resvg-js', 'hono', 'zod', 'ajv', 'jose', 'csv-parse', 'nodemailer', 'esbuild', 'intl-messageformat']

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-startup-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs the compiled CLI with `argv` and returns its output and the packages (and our modules) it loaded. */
async function loaded(name: string, ...argv: string[]) {
  const file = join(dir, name)
  const { stdout } = await promisify(execFile)('node', ['--import', './test/support/record-modules.mjs', 'bin/emblem.mjs', ...argv], {
    env: { ...process.env, RECORD_MODULES: file },
  })
  const urls = (await readFile(file, 'utf8')).trim().split('\n')
  const packages = new Set(urls.flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))
  return { stdout, urls, packages }
}

describe('emblem start-up', () => {
  it.each(['--help', 'credential sign --help', 'credential verify --help', 'serve --help', 'demo --help', 'skills import --help', 'log audit --help'])(
    'emblem %s prints help from dist/ without loading the heavy modules',
    async (command) => {
      const argv = command.split(' ')
      const { stdout, urls, packages } = await loaded(argv.join('-'), ...argv)
      expect(stdout).toMatch(/^Usage: emblem/)
      expect(urls.some((url) => url.includes('/dist/cli/main.js'))).toBe(true)
      expect([...packages].filter((p) => HEAVY.includes(p))).toEqual([])
      expect(urls.some((url) => /\/dist\/(main|platform|store|web|http)\b/.test(url))).toBe(false)
    },
  )

  it('runs `keys generate` without loading the store, the server or the configuration', async () => {
    const { stdout, packages } = await loaded('keys', 'keys', 'generate')
    expect(JSON.parse(stdout).secretKeyMultibase).toMatch(/^z/)
    expect(['kysely', 'better-sqlite3', 'hono', 'pdf-lib', 'zod', 'pino'].filter((p) => packages.has(p))).toEqual([])
  })

  it('signs without wiring the services: no configuration schema, fetcher or logger before the work starts', async () => {
    const key = join(dir, 'sign.key.json')
    await loaded('sign-key', 'keys', 'generate', '--out', key)
    const credential = join(dir, 'credential.json')
    await writeFile(
      credential,
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer: 'did:example:issuer',
        credentialSubject: { id: 'did:example:subject' },
      }),
    )
    const { stdout, urls, packages } = await loaded('sign', 'credential', 'sign', credential, '--key', key)
    expect(JSON.parse(stdout).proof[0].cryptosuite).toBe('eddsa-rdfc-2022')
    expect(['zod', 'pino'].filter((p) => packages.has(p))).toEqual([])
    expect(urls.some((url) => /\/dist\/(config|cli\/wiring|fetch\/)/.test(url))).toBe(false)
  })
})
