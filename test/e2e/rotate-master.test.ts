// `emblem keys rotate-master` on a real data directory: an interrupted rotation still starts, running
// it again finishes it, the old key then opens nothing, and the server starts and signs with the new
// one. `emblem keys signed-by` lists what one organization key signed.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { logOrigin } from '../../src/app/log-checkpoint.js'
import { holderKeyContext } from '../../src/keys/holder-key-ring.js'
import { loadOrCreateLogSigner } from '../../src/keys/log-signer-key.js'
import { loadOrCreateMasterKey, parseMasterKey, type MasterKey } from '../../src/keys/master-key.js'
import { orgKeyContext } from '../../src/keys/org-key-ring.js'
import { rotateMasterKey } from '../../src/keys/rotate-master.js'
import { createPlatform } from '../../src/platform.js'
import { openStore } from '../../src/store/index.js'
import { resealSecrets } from '../../src/store/reseal-secrets.js'
import { seedInstance, startEmblem, testMasterKey, type EmblemProcess } from '../support/emblem-process.js'
import { freePort } from '../support/server-process.js'
import { runCli, issueOne } from '../support/emblem-cli.js'

let dir: string
let running: EmblemProcess | undefined

/** Every sealed secret besides organization and holder keys, with its sealing context (as src/store/reseal-secrets.ts lists them). */
async function otherSecrets(store: Awaited<ReturnType<typeof openStore>>): Promise<{ context: string; sealed: string }[]> {
  const webhooks = await store.db.selectFrom('webhook_endpoints').select(['id', 'secret']).execute()
  const lti = await store.db.selectFrom('lti_tool_keys').select(['kid', 'sealed_private_jwk']).execute()
  return [...webhooks.map((r) => ({ context: `webhook-secret:${r.id}`, sealed: r.secret })), ...lti.map((r) => ({ context: `lti-tool/${r.kid}`, sealed: r.sealed_private_jwk }))]
}

/** Whether `key` opens every sealed secret of the database at `databaseUrl` and the log key file. */
async function opensEverything(key: MasterKey, databaseUrl: string, logKeyFile: string, origin: string): Promise<boolean> {
  const store = await openStore({ url: databaseUrl })
  try {
    for (const row of await store.db.selectFrom('org_keys').select(['id', 'org_id', 'secret_sealed']).execute()) key.open(row.secret_sealed, orgKeyContext(row.org_id, row.id))
    for (const row of await store.db.selectFrom('holder_keys').select(['user_id', 'did', 'sealed_private_key']).execute())
      key.open(row.sealed_private_key, holderKeyContext({ userId: row.user_id, did: row.did }))
    for (const row of await otherSecrets(store)) key.open(row.sealed, row.context)
    await loadOrCreateLogSigner(logKeyFile, origin, key)
    return true
  } catch {
    return false
  } finally {
    await store.close()
  }
}

/** Whether `key` opens none of them (each one fails on its own). */
async function opensNothing(key: MasterKey, databaseUrl: string, logKeyFile: string, origin: string): Promise<boolean> {
  const store = await openStore({ url: databaseUrl })
  const attempts: (() => unknown)[] = []
  try {
    for (const row of await store.db.selectFrom('org_keys').select(['id', 'org_id', 'secret_sealed']).execute()) attempts.push(() => key.open(row.secret_sealed, orgKeyContext(row.org_id, row.id)))
    for (const row of await store.db.selectFrom('holder_keys').select(['user_id', 'did', 'sealed_private_key']).execute())
      attempts.push(() => key.open(row.sealed_private_key, holderKeyContext({ userId: row.user_id, did: row.did })))
    for (const row of await otherSecrets(store)) attempts.push(() => key.open(row.sealed, row.context))
  } finally {
    await store.close()
  }
  const opened = attempts.filter((attempt) => {
    try {
      attempt()
      return true
    } catch {
      return false
    }
  })
  const log = await loadOrCreateLogSigner(logKeyFile, origin, key).then(() => true, () => false)
  return attempts.length > 0 && opened.length === 0 && !log
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emblem-rotate-'))
})
afterEach(async () => {
  await running?.stop()
  running = undefined
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('emblem keys rotate-master (master.key file)', () => {
  it('survives a crash between re-sealing and the swap, finishes when run again, then the server signs with the new key only', { timeout: 240_000 }, async () => {
    const data = join(dir, 'file-mode')
    await mkdir(data)
    const port = await freePort()
    const publicUrl = `http://127.0.0.1:${port}`
    const origin = logOrigin(publicUrl)
    const databaseUrl = join(data, 'emblem.db')
    const keyFile = join(data, 'master.key')
    const logKeyFile = join(data, 'log-signer.key')
    const oldKeyText = testMasterKey()
    await writeFile(keyFile, `${oldKeyText}\n`, { mode: 0o600 })
    const oldKey = parseMasterKey(oldKeyText)
    const seeded = await seedInstance({ databaseUrl, masterKey: oldKeyText, publicUrl })
    {
      // A learner's holder key, a webhook's signing secret and the LTI tool's key, sealed like the organizations' keys.
      const store = await openStore({ url: databaseUrl })
      const user = await store.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
      const platform = createPlatform({ store, masterKey: oldKey, publicUrl })
      await platform.ports.holderKeys.ensure(user.id)
      await platform.platform.webhooks.create(seeded.orgId, { url: 'https://receiver.example/hooks', events: ['credential.issued'] })
      await platform.ports.ltiKeys.jwks()
      expect(await otherSecrets(store)).toHaveLength(2)
      await store.close()
    }
    const env = { EMBLEM_DATA_DIR: data, EMBLEM_PUBLIC_URL: publicUrl, PORT: String(port) }
    running = await startEmblem(['serve'], env)
    const first = await issueOne(running.base, seeded, 'before')
    await running.stop()
    running = undefined
    expect(await opensEverything(oldKey, databaseUrl, logKeyFile, origin)).toBe(true)

    // A rotation that dies after re-sealing, before the key file is swapped.
    const store = await openStore({ url: databaseUrl })
    await expect(
      rotateMasterKey({
        file: keyFile,
        logKeyFile,
        resealStore: (reseal) => resealSecrets(store.db, reseal),
        afterReseal: async () => {
          throw new Error('killed between re-seal and swap')
        },
      }),
    ).rejects.toThrow('killed between re-seal and swap')
    await store.close()
    const pendingText = await readFile(`${keyFile}.new`, 'utf8')
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(oldKeyText)
    // Everything is sealed under the new key now, and the loader (what serve uses) still opens it all.
    expect(await opensEverything(parseMasterKey(pendingText), databaseUrl, logKeyFile, origin)).toBe(true)
    expect(await opensEverything(await loadOrCreateMasterKey({ file: keyFile }), databaseUrl, logKeyFile, origin)).toBe(true)

    // Running the command again finishes the same rotation.
    const again = await runCli(env, 'keys', 'rotate-master')
    expect(again.code, again.err).toBe(0)
    expect(again.out).toMatch(/^Finished an interrupted rotation: re-sealed 1 organization keys, 1 holder keys, 2 other secrets \(webhooks, LTI, connected hosts\) and the log key under a new master key\.\n/)
    expect(again.out).toContain('the old key opens nothing now')
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(pendingText.trim())
    expect((await readdir(data)).filter((name) => name.startsWith('master.key'))).toEqual(['master.key'])
    expect(await opensNothing(oldKey, databaseUrl, logKeyFile, origin)).toBe(true)

    // A plain rotation afterwards makes yet another key.
    const third = await runCli(env, 'keys', 'rotate-master')
    expect(third.code, third.err).toBe(0)
    expect(third.out).toMatch(/^Re-sealed 1 organization keys, 1 holder keys, 2 other secrets \(webhooks, LTI, connected hosts\) and the log key/)
    expect(await opensNothing(parseMasterKey(pendingText), databaseUrl, logKeyFile, origin)).toBe(true)

    // The server starts on the rotated key and signs: a new credential verifies, and so does the old one.
    running = await startEmblem(['serve'], env)
    const second = await issueOne(running.base, seeded, 'after')
    for (const id of [first, second]) {
      const report = (await (await fetch(`${running.base}/api/v1/credentials/${encodeURIComponent(id.replace('urn:uuid:', ''))}/verification`)).json()) as { verified: boolean }
      expect(report.verified, id).toBe(true)
    }

    // signed-by: both credentials name the organization's one key; after rotating the org key, only the new one names it.
    const orgKeyId = await (async () => {
      const s = await openStore({ url: databaseUrl })
      const row = await s.db.selectFrom('org_keys').select('id').where('org_id', '=', seeded.orgId).executeTakeFirstOrThrow()
      await s.close()
      return row.id
    })()
    const listed = await runCli(env, 'keys', 'signed-by', seeded.orgSlug, orgKeyId)
    expect(listed.code, listed.err).toBe(0)
    const lines = listed.out.trim().split('\n').map((line) => JSON.parse(line) as { id: string; verificationMethod: string; logIndex: number; recipient: string; state: string })
    expect(lines.map((l) => l.id)).toEqual([first, second])
    expect(lines[0]).toMatchObject({ recipient: 'learner-before@example.org', state: 'active', logIndex: 0 })
    expect(lines.every((l) => l.verificationMethod.endsWith(`#${orgKeyId}`))).toBe(true)
    expect(listed.err).toBe(`2 credentials signed by ${orgKeyId} of ${seeded.orgSlug}.\n`)
    const unknown = await runCli(env, 'keys', 'signed-by', seeded.orgSlug, 'key-nope')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain(`Organization ${seeded.orgSlug} has no key key-nope`)
    expect((await runCli(env, 'keys', 'signed-by', 'no-such-org', orgKeyId)).code).toBe(2)
  })
})

describe('emblem keys rotate-master (EMBLEM_MASTER_KEY)', () => {
  it('prints the new key once, keeps it in master.key.new until the environment holds it, and both keys open meanwhile', { timeout: 120_000 }, async () => {
    const data = join(dir, 'env-mode')
    await mkdir(data)
    const publicUrl = 'http://127.0.0.1:9'
    const origin = logOrigin(publicUrl)
    const databaseUrl = join(data, 'emblem.db')
    const keyFile = join(data, 'master.key')
    const logKeyFile = join(data, 'log-signer.key')
    const oldKeyText = testMasterKey()
    await seedInstance({ databaseUrl, masterKey: oldKeyText, publicUrl })
    await loadOrCreateLogSigner(logKeyFile, origin, parseMasterKey(oldKeyText))
    const env = { EMBLEM_DATA_DIR: data, EMBLEM_PUBLIC_URL: publicUrl, EMBLEM_MASTER_KEY: oldKeyText }

    const rotated = await runCli(env, 'keys', 'rotate-master')
    expect(rotated.code, rotated.err).toBe(0)
    const newKeyText = /The new master key \(shown once\):\n(\S+)\n/.exec(rotated.out)?.[1]
    expect(newKeyText).toBeDefined()
    expect(rotated.err).toContain('EMBLEM_MASTER_KEY still holds the old key')
    expect((await readFile(`${keyFile}.new`, 'utf8')).trim()).toBe(newKeyText)
    // Before the environment is updated, the instance still starts (the loader finds master.key.new).
    expect(await opensEverything(await loadOrCreateMasterKey({ value: oldKeyText, file: keyFile }), databaseUrl, logKeyFile, origin)).toBe(true)
    expect(await opensEverything(parseMasterKey(newKeyText!), databaseUrl, logKeyFile, origin)).toBe(true)
    expect(await opensNothing(parseMasterKey(oldKeyText), databaseUrl, logKeyFile, origin)).toBe(true)

    // Once the environment holds the new key, the next rotation is a new one (not a resumption).
    const next = await runCli({ ...env, EMBLEM_MASTER_KEY: newKeyText! }, 'keys', 'rotate-master')
    expect(next.code, next.err).toBe(0)
    expect(next.out).toMatch(/^Re-sealed /)
    const newest = /The new master key \(shown once\):\n(\S+)\n/.exec(next.out)?.[1]
    expect(newest).not.toBe(newKeyText)
    expect(await opensEverything(parseMasterKey(newest!), databaseUrl, logKeyFile, origin)).toBe(true)
  })

  it('refuses to rotate when there is no master key', async () => {
    const data = join(dir, 'no-key')
    await mkdir(data)
    const { code, err } = await runCli({ EMBLEM_DATA_DIR: data }, 'keys', 'rotate-master')
    expect(code).toBe(2)
    expect(err).toContain('There is no master key to rotate')
  })
})
