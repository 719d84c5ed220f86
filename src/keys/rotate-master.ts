// `emblem keys rotate-master`: a new master key, every sealed private key re-sealed under it, then
// the key file swapped. Each step leaves a state some key on disk opens, and running the command
// again finishes an interrupted rotation with the same new key.
import { randomBytes } from 'node:crypto'
import { link, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { PlatformError } from '../core/errors.js'
import { holderKeyContext } from './holder-key-ring.js'
import { resealLogSignerFile, writeFileAtomically } from './log-signer-key.js'
import { masterKeyWithFallback, parseMasterKey, parseMasterKeyBytes, readKeyFileIfPresent, type MasterKey } from './master-key.js'
import { orgKeyContext } from './org-key-ring.js'

/** A secret sealed in the database, as the store hands it over (src/store/reseal-secrets.ts). */
export type SealedRow =
  | { kind: 'org-key'; orgId: string; keyId: string; sealed: string }
  | { kind: 'holder-key'; userId: string; did: string; sealed: string }
  | { kind: 'other'; context: string; sealed: string }

/** What a rotation did. */
export interface RotationResult {
  orgKeys: number
  holderKeys: number
  /** Webhook secrets, the LTI tool key, OB 3.0 client secrets and tokens (src/store/reseal-secrets.ts). */
  otherSecrets: number
  logKey: 'resealed' | 'plain' | 'absent'
  /** With EMBLEM_MASTER_KEY: the new key, to put in the secret store (printed once). */
  newKeyForEnvironment?: string
  /** True when an interrupted rotation was finished (its new key reused). */
  resumed: boolean
}

const contextOf = (row: SealedRow): string => (row.kind === 'org-key' ? orgKeyContext(row.orgId, row.keyId) : row.kind === 'holder-key' ? holderKeyContext(row) : row.context)

/**
 * Rotates the master key:
 * 1. the new key is written to `<file>.new` (0600, fsynced) — or read from there to finish an interrupted rotation;
 * 2. every sealed secret in the database is re-sealed under it in one transaction (`resealStore`);
 * 3. the sealed log key file is re-sealed, written atomically;
 * 4. without EMBLEM_MASTER_KEY: `<file>` is kept as `<file>.old`, `<file>.new` renamed over `<file>`,
 *    and `<file>.old` removed once that succeeded. With it, `<file>.new` stays until the operator has
 *    put the new key (returned once) into the environment.
 * Until step 4 ends, the loader (loadOrCreateMasterKey) opens with either key, so a crash at any step
 * leaves an instance that starts.
 */
export async function rotateMasterKey({
  file,
  value,
  logKeyFile,
  resealStore,
  afterReseal = async () => {},
}: {
  file: string
  value?: string | undefined
  logKeyFile: string
  resealStore: (reseal: (row: SealedRow) => string) => Promise<{ orgKeys: number; holderKeys: number; otherSecrets: number }>
  /** Runs between re-sealing and the key file swap (tests inject a crash here). */
  afterReseal?: () => Promise<void>
}): Promise<RotationResult> {
  const current = value ? parseMasterKey(value) : await readKeyFileIfPresent(file)
  if (!current) throw new PlatformError('ERR_INPUT_INVALID', `There is no master key to rotate: ${file} does not exist and EMBLEM_MASTER_KEY is not set`)
  const pending = `${file}.new`
  let newText = await readFile(pending, 'utf8').catch(() => undefined)
  const currentText = value ?? (await readFile(file, 'utf8'))
  // With EMBLEM_MASTER_KEY, <file>.new stays after a rotation until removed: once the environment holds it, it is no rotation under way.
  if (newText !== undefined && parseMasterKeyBytes(newText).equals(parseMasterKeyBytes(currentText))) {
    await rm(pending, { force: true })
    newText = undefined
  }
  const resumed = newText !== undefined
  if (newText === undefined) {
    newText = `${randomBytes(32).toString('base64url')}\n`
    await writeFileAtomically(pending, newText)
  }
  const next = parseMasterKey(newText)
  const old = await readKeyFileIfPresent(`${file}.old`)
  // Opens what any key of this (or an interrupted) rotation sealed.
  const opener: MasterKey = masterKeyWithFallback(current, [next, ...(old ? [old] : [])])
  const counts = await resealStore((row) => {
    const context = contextOf(row)
    return next.seal(opener.open(row.sealed, context), context)
  })
  const logKey = await resealLogSignerFile(logKeyFile, opener, next)
  await afterReseal()
  if (value) return { ...counts, logKey, resumed, newKeyForEnvironment: newText.trim() }
  // Keep the old key as <file>.old until the new one is in place, then drop it.
  await rm(`${file}.old`, { force: true })
  await link(file, `${file}.old`).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
  await rename(pending, file)
  await syncDirectory(dirname(file))
  await rm(`${file}.old`, { force: true })
  return { ...counts, logKey, resumed }
}

async function syncDirectory(path: string): Promise<void> {
  const directory = await open(path, 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}
