// The deployment files (Dockerfile, compose.yaml, deploy/Caddyfile) checked without a container
// engine: the image's start command (ENTRYPOINT + CMD, and each compose service's command) runs here
// as a plain process with the compose environment (database and data directory pointed at this
// machine's), and answers as the proxy and the load balancer expect.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_DATABASE_URL } from '../store/postgres-schema.js'
import { startEmblem, type EmblemProcess } from '../support/emblem-process.js'

const dockerfile = readFileSync('Dockerfile', 'utf8')
const compose = readFileSync('compose.yaml', 'utf8')
const caddyfile = readFileSync('deploy/Caddyfile', 'utf8')

/** The exec-form array of a Dockerfile instruction (the last one of the final stage). */
function execForm(instruction: 'ENTRYPOINT' | 'CMD'): string[] {
  const lines = [...dockerfile.matchAll(new RegExp(`^${instruction}\\s+(\\[.*\\])\\s*$`, 'gm'))]
  expect(lines.length, `${instruction} in exec form`).toBeGreaterThan(0)
  return JSON.parse(lines.at(-1)![1]!) as string[]
}

/** The lines of a top-level (or `services:`-level) YAML block, without its indentation. */
function block(name: string, indent: string): string[] {
  const start = new RegExp(`^${indent}${name}:.*$`, 'm').exec(compose)
  expect(start, `${name} in compose.yaml`).not.toBeNull()
  const rest = compose.slice(start!.index + start![0].length + 1).split('\n')
  const inner = `${indent}  `
  const lines: string[] = []
  for (const line of rest) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    if (!line.startsWith(inner)) break
    lines.push(line.slice(inner.length))
  }
  return lines
}

/** The `x-emblem-env` map with `${VAR}`, `${VAR:?message}` and `${VAR:-default}` taken from `dotenv`. */
function composeEnvironment(dotenv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of block('x-emblem-env', '')) {
    const [, key, raw] = /^([A-Z_][A-Z0-9_]*):\s*(.*)$/.exec(line) ?? []
    expect(key, `an environment line: ${line}`).toBeDefined()
    const value = raw!.replace(/^"(.*)"$/, '$1')
    env[key!] = value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::[?-]([^}]*))?\}/g, (_, name: string) => {
      expect(dotenv[name], `${name} is set in the test's .env`).toBeDefined()
      return dotenv[name]!
    })
  }
  return env
}

/** A compose service's `command:` (exec form). */
const commandOf = (service: string): string[] => {
  const line = block(service, '  ').find((l) => l.startsWith('command:'))
  expect(line, `${service} has a command`).toBeDefined()
  return JSON.parse(line!.slice('command:'.length).trim()) as string[]
}

describe('the Dockerfile', () => {
  it('builds compiled JavaScript in a stage of its own and runs it as an unprivileged user', () => {
    const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)]
    expect(stages.length).toBeGreaterThanOrEqual(2)
    expect(dockerfile).toMatch(/^RUN .*npm ci.*npm run build.*npm prune --omit=dev/m)
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m)
    const finalStage = dockerfile.slice(stages.at(-1)!.index)
    const user = /^USER\s+(\S+)/m.exec(finalStage)?.[1]
    expect(user).toBeDefined()
    expect(['root', '0']).not.toContain(user)
    expect(finalStage).not.toMatch(/npm (ci|install)/)
    expect(execForm('ENTRYPOINT')).toEqual(['node', 'bin/emblem.mjs'])
    expect(execForm('CMD')[0]).toBe('serve')
  })
})

describe('compose.yaml and the Caddyfile', () => {
  it('run two web processes and one worker behind Caddy, which sends traffic only to the webs and checks /readyz', () => {
    expect(commandOf('web1')).toEqual(['serve', '--role', 'web'])
    expect(commandOf('web2')).toEqual(['serve', '--role', 'web'])
    expect(commandOf('worker')).toEqual(['serve', '--role', 'worker'])
    expect(commandOf('migrate')).toEqual(['migrate'])
    const env = composeEnvironment({ EMBLEM_DOMAIN: 'badges.example.test', POSTGRES_PASSWORD: 'p', EMBLEM_MASTER_KEY: 'k', EMBLEM_METRICS_TOKEN: 't' })
    expect(env.EMBLEM_DATABASE_URL).toMatch(/^postgres:\/\/emblem:p@postgres:5432\/emblem$/)
    const upstreams = /reverse_proxy\s+([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/)
    expect(upstreams).toEqual([`web1:${env.PORT}`, `web2:${env.PORT}`])
    expect(caddyfile).toMatch(/health_uri \/readyz/)
    expect(caddyfile).toMatch(/@metrics path \/metrics\s+respond @metrics 404/)
    expect(block('caddy', '  ').join('\n')).toMatch(/443:443/)
  })
})

describe('the image’s start command as a plain process with the compose environment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-deploy-'))
  const database = `emblem_ops_deploy_${randomBytes(4).toString('hex')}`
  const token = randomBytes(24).toString('hex')
  const processes: EmblemProcess[] = []
  let env: Record<string, string>
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }

  beforeAll(async () => {
    env = composeEnvironment({ EMBLEM_DOMAIN: 'badges.example.test', POSTGRES_PASSWORD: 'unused', EMBLEM_MASTER_KEY: randomBytes(32).toString('hex'), EMBLEM_METRICS_TOKEN: token })
    // The compose network's database and volume are this machine's: PostgreSQL when the tests have one, else SQLite in the data directory.
    if (TEST_DATABASE_URL) {
      await admin(`create database ${database}`)
      const url = new URL(TEST_DATABASE_URL)
      url.pathname = `/${database}`
      env.EMBLEM_DATABASE_URL = url.toString()
    } else delete env.EMBLEM_DATABASE_URL
    env.EMBLEM_DATA_DIR = dataDir
    env.EMBLEM_BATCH_DIR = join(dataDir, 'batches')
    env.PORT = '0'
  })
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')))
    if (TEST_DATABASE_URL) await admin(`drop database if exists ${database} with (force)`)
    rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  /** ENTRYPOINT + `args`, `node` being this Node. */
  const argv = (args: string[]) => {
    const [node, ...rest] = execForm('ENTRYPOINT')
    expect(node).toBe('node')
    return [process.execPath, ...rest, ...args]
  }

  it('migrates, then serves the webs and the worker; each answers health, readiness and metrics, and stops cleanly on the STOPSIGNAL', { timeout: 120_000 }, async () => {
    const migrate = await new Promise<number | null>((resolve) => {
      const child = spawn(argv(commandOf('migrate'))[0]!, argv(commandOf('migrate')).slice(1), { env: { ...process.env, ...env }, stdio: 'ignore' })
      child.once('exit', resolve)
    })
    expect(migrate).toBe(0)
    const [web, worker, defaultCmd] = await Promise.all([
      startEmblem([], env, { command: argv(commandOf('web1')) }),
      startEmblem([], env, { command: argv(commandOf('worker')) }),
      startEmblem([], env, { command: argv(execForm('CMD')) }),
    ])
    processes.push(web, worker, defaultCmd)
    for (const p of [web, worker, defaultCmd]) {
      expect((await fetch(`${p.base}/healthz`)).status).toBe(200)
      expect((await fetch(`${p.base}/readyz`)).status).toBe(200)
      expect((await fetch(`${p.base}/metrics`)).status).toBe(401)
      const metrics = await fetch(`${p.base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('emblem_process_info')
    }
    // Behind Caddy's TLS: the public URL is https, so HSTS and Secure cookies; the site and its DIDs use the domain.
    const home = await fetch(`${web.base}/`)
    expect(home.status).toBe(200)
    expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
    expect(web.log()).toMatch(/"role":"web"/)
    expect(worker.log()).toMatch(/"role":"worker"/)
    const stopSignal = (/^STOPSIGNAL\s+(\S+)/m.exec(dockerfile)?.[1] ?? 'SIGTERM') as NodeJS.Signals
    expect(await Promise.all([web, worker, defaultCmd].map((p) => p.stop(stopSignal)))).toEqual([0, 0, 0])
  })
})
