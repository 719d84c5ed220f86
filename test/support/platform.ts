// The whole platform in-process for tests: a migrated store (SQLite :memory:, or a PostgreSQL
// schema of its own when asked and TEST_DATABASE_URL is set), a fixed clock, the Hono app, and
// seeders that write rows directly so a feature's tests do not depend on another feature's forms.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import type { Hono } from 'hono'
import { loadConfig, type Config } from '../../src/config.js'
import type { Platform } from '../../src/app/platform/platform.js'
import type { Clock, PlatformPorts } from '../../src/app/platform/ports.js'
import type { RoleName } from '../../src/app/platform/roles.js'
import { orgDid } from '../../src/app/orgs/did.js'
import { newApiKeySecret } from '../../src/app/orgs/api-keys.js'
import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/http/auth/tokens.js'
import { hashSecret } from '../../src/app/platform/secret-token.js'
import { silentLogger } from '../../src/http/logger.js'
import { masterKeyFrom } from '../../src/keys/master-key.js'
import { createApp } from '../../src/main.js'
import { createPlatform, type PlatformHandle } from '../../src/platform.js'
import { openStore, type Store } from '../../src/store/index.js'
import { openTestPostgresStore, TEST_DATABASE_URL } from '../store/postgres-schema.js'

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  set(date: Date | string): void
  advance(ms: number): void
}

export const testClock = (start = '2026-03-01T09:00:00.000Z'): TestClock => {
  let t = new Date(start).getTime()
  return { now: () => new Date(t), set: (d) => void (t = new Date(d).getTime()), advance: (ms) => void (t += ms) }
}

/** A signed-in test user: send `cookie` and echo `csrf` in forms (`_csrf`) or the X-CSRF-Token header. */
export interface TestSession {
  userId: string
  email: string
  password: string
  cookie: string
  csrf: string
}

export interface TestOrg {
  id: string
  slug: string
  name: string
  did: string
}

export interface TestPlatform {
  store: Store
  /** The bound use cases, as the edges see them. */
  platform: Platform
  /** The ports they are bound to (jobs, seeders, use cases called directly). */
  ports: PlatformPorts
  /** The handle createPlatform returned (workers register their wake-up with it). */
  handle: PlatformHandle
  app: Hono
  config: Config
  clock: TestClock
  /** `app.request` with a session (cookie + CSRF header on unsafe methods) or an API key (Bearer). */
  request(path: string, init?: RequestInit & { as?: TestSession | string; json?: unknown }): Promise<Response>
  /** POSTs an HTML form as a signed-in user (or anonymously with a fresh CSRF cookie), the way a browser does. */
  submitForm(path: string, fields: Record<string, string>, as?: TestSession): Promise<Response>
  seedUser(opts?: { email?: string; name?: string; password?: string; verified?: boolean }): Promise<TestSession>
  seedOrg(opts: { owner: TestSession; slug?: string; name?: string; withKey?: boolean }): Promise<TestOrg>
  seedMember(org: TestOrg, user: TestSession, role: RoleName): Promise<void>
  /** A live API key for the organization; returns the bearer secret. */
  seedApiKey(org: TestOrg, role?: Exclude<RoleName, 'owner'>): Promise<string>
  /** Where this platform keeps uploaded CSV files (removed on close). */
  dataDir: string
  close(): Promise<void>
}

/**
 * Starts a platform for one test file. `dialect: 'postgres'` uses TEST_DATABASE_URL (callers skip
 * when it is unset); the default is SQLite :memory:.
 */
export async function startTestPlatform(
  opts: {
    dialect?: 'sqlite' | 'postgres'
    publicUrl?: string
    config?: Partial<Config>
    /** PostgreSQL: another URL than TEST_DATABASE_URL (a proxy in front of it). */
    databaseUrl?: string
    /** SQLite: a database file (another connection may open it too) instead of ':memory:'. */
    sqlitePath?: string
  } = {},
): Promise<TestPlatform> {
  const clock = testClock()
  const store = opts.dialect === 'postgres' ? await openTestPostgresStore(opts.databaseUrl ?? TEST_DATABASE_URL!, { now: clock.now }) : await openStore({ url: opts.sqlitePath ?? ':memory:', now: clock.now })
  if (opts.dialect !== 'postgres') await store.migrate()
  const config: Config = { ...loadConfig({}, {}), publicUrl: opts.publicUrl ?? 'http://localhost:3000', ...opts.config }
  const dataDir = mkdtempSync(join(tmpdir(), 'emblem-test-data-'))
  const handle = createPlatform({ store, masterKey: masterKeyFrom(randomBytes(32)), publicUrl: config.publicUrl, clock, fetch: config.fetch, dataDir, adminEmails: config.adminEmails })
  const { platform, ports } = handle
  const app = createApp(config, { log: silentLogger, platform })
  let n = 0

  const request: TestPlatform['request'] = (path, init = {}) => {
    const { as, json, ...rest } = init
    const headers = new Headers(rest.headers)
    if (typeof as === 'string') headers.set('authorization', `Bearer ${as}`)
    else if (as) {
      headers.set('cookie', as.cookie)
      if (!['GET', 'HEAD', undefined].includes(rest.method?.toUpperCase())) headers.set('x-csrf-token', as.csrf)
    }
    if (json !== undefined) headers.set('content-type', 'application/json')
    return Promise.resolve(app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) }))
  }

  const submitForm: TestPlatform['submitForm'] = (path, fields, as) => {
    const csrf = as?.csrf ?? randomBytes(24).toString('base64url')
    const cookie = as?.cookie ?? `${CSRF_COOKIE}=${csrf}`
    return Promise.resolve(
      app.request(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
    )
  }

  const seedUser: TestPlatform['seedUser'] = async ({ email, name, password = 'correct horse battery staple', verified = true } = {}) => {
    n += 1
    const id = ports.random.uuid()
    const address = (email ?? `user${n}-${id.slice(0, 6)}@example.edu`).toLowerCase()
    const now = clock.now().toISOString()
    await store.db
      .insertInto('users')
      .values({ id, email: address, name: name ?? `Test User ${n}`, password_hash: await hash(password, { algorithm: 2 }), email_verified_at: verified ? now : null, created_at: now })
      .execute()
    // The sign-up address is the account's first address (0009), as the accounts repository writes it.
    await store.db.insertInto('account_emails').values({ user_id: id, email: address, verified_at: verified ? now : null, created_at: now }).execute()
    const token = randomBytes(32).toString('base64url')
    const csrf = randomBytes(24).toString('base64url')
    await store.db
      .insertInto('sessions')
      .values({ id_hash: hashSecret(token), user_id: id, csrf_token: csrf, created_at: now, expires_at: new Date(clock.now().getTime() + 86_400_000 * 30).toISOString() })
      .execute()
    return { userId: id, email: address, password, cookie: `${SESSION_COOKIE}=${token}`, csrf }
  }

  const seedMember: TestPlatform['seedMember'] = async (org, user, role) => {
    await store.db.insertInto('memberships').values({ org_id: org.id, user_id: user.userId, role, created_at: clock.now().toISOString() }).execute()
  }

  const seedOrg: TestPlatform['seedOrg'] = async ({ owner, slug, name, withKey = true }) => {
    n += 1
    const id = ports.random.uuid()
    const s = slug ?? `org-${n}-${id.slice(0, 6)}`
    await store.db.insertInto('organizations').values({ id, slug: s, name: name ?? `Test University ${n}`, created_at: clock.now().toISOString() }).execute()
    const org = { id, slug: s, name: name ?? `Test University ${n}`, did: orgDid(config.publicUrl, s) }
    await seedMember(org, owner, 'owner')
    if (withKey) await ports.keys.rotate(id)
    return org
  }

  const seedApiKey: TestPlatform['seedApiKey'] = async (org, role = 'issuer') => {
    const { prefix, secret } = newApiKeySecret(ports.random)
    await store.db
      .insertInto('api_keys')
      .values({ id: ports.random.uuid(), org_id: org.id, name: `test ${role}`, role, prefix, secret_hash: hashSecret(secret), created_at: clock.now().toISOString() })
      .execute()
    return secret
  }

  const close = async () => {
    await platform.flush()
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { store, platform, ports, handle, app, config, clock, request, submitForm, seedUser, seedOrg, seedMember, seedApiKey, dataDir, close }
}


/** Whether the PostgreSQL variants of platform tests can run. */
export const hasPostgres = TEST_DATABASE_URL !== undefined

/** A response's JSON body, untyped for assertions. */
export const readJson = async (res: Response): Promise<any> => res.json()
