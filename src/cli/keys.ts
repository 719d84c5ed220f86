import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
import type { CliIo } from './main.js'
import { withoutServices } from './offline.js'

interface GenerateOptions {
  out?: string
  id?: string
  controller?: string
  force?: boolean
}

/**
 * `emblem keys generate`: a fresh Ed25519 key pair as Multikey JSON, written with mode 0600;
 * `emblem keys rotate-master`: a new master key for the instance; `emblem keys signed-by`: the
 * credentials one organization key signed (docs/OPERATIONS.md, key compromise).
 */
export function register(keys: Command, io: CliIo): void {
  keys
    .command('rotate-master')
    .description("re-seal every private key and stored secret of the instance (organizations', holders', the log's, the LTI tool's, webhook and OB 3.0 host secrets) under a new master key, then replace the key file; stop the server first")
    .action(async () => {
      const result = await io.services.rotateMasterKey()
      io.out(
        `${result.resumed ? 'Finished an interrupted rotation: re-sealed' : 'Re-sealed'} ${result.orgKeys} organization keys, ${result.holderKeys} holder keys, ${result.otherSecrets} other secrets (webhooks, LTI, connected hosts) and ${
          result.logKey === 'resealed' ? 'the log key' : result.logKey === 'plain' ? 'no log key (its file is not sealed)' : 'no log key (none yet)'
        } under a new master key.\n`,
      )
      if (result.newKeyForEnvironment === undefined) {
        io.out(`${result.keyFile} holds the new key; the old key opens nothing now. Back the new key up apart from the database.\n`)
        return
      }
      io.out(`The new master key (shown once):\n${result.newKeyForEnvironment}\n`)
      io.err(
        `EMBLEM_MASTER_KEY still holds the old key: put the new key above into it (your secret store) before the next start, then delete ${result.keyFile}.new, which keeps the new key until then. The old key opens nothing now.\n`,
      )
    })
  keys
    .command('signed-by')
    .description('list the credentials an organization key signed, as JSON Lines (after a key compromise: what to re-issue)')
    .argument('<org>', "the organization's slug")
    .argument('<keyId>', 'the key id, as on /orgs/<org>/keys (key-…)')
    .action(async (org: string, keyId: string) => {
      let count = 0
      for await (const line of io.services.credentialsSignedBy(org, keyId)) {
        io.out(`${JSON.stringify(line)}\n`)
        count++
      }
      io.err(`${count} credentials signed by ${keyId} of ${org}.\n`)
    })
  withoutServices(keys.command('generate'))
    .description('generate an Ed25519 key pair as Multikey JSON {publicKeyMultibase, secretKeyMultibase}')
    .option('-o, --out <file>', 'write the key pair to FILE (mode 0600) and print only the public key; default: print it all')
    .option('--id <id>', 'verification method id to record, e.g. did:web:example.edu#key-1')
    .option('--controller <did>', 'controller to record, e.g. did:web:example.edu')
    .option('-f, --force', 'replace FILE if it exists')
    .action(async (options: GenerateOptions) => {
      const { exportKeyPair, generateKeyPair } = await import('../core/proof/index.js')
      const keyPair = generateKeyPair({
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.controller === undefined ? {} : { controller: options.controller }),
      })
      const secretJson = `${JSON.stringify(exportKeyPair(keyPair, { includeSecret: true }), null, 2)}\n`
      if (options.out === undefined) {
        io.out(secretJson)
        return
      }
      await writeSecretFile(options.out, secretJson, options.force === true)
      io.out(`${JSON.stringify(exportKeyPair(keyPair), null, 2)}\n`)
      io.err(`Wrote the key pair to ${options.out} (mode 0600). Keep it secret; the public key is above.\n`)
    })
}

/**
 * Writes `text` readable by its owner only. Without `force` an existing file is an error; with it,
 * the file is replaced atomically (a fresh 0600 file renamed over it), so no old mode survives.
 */
async function writeSecretFile(path: string, text: string, force: boolean): Promise<void> {
  if (!force) {
    try {
      await writeFile(path, text, { mode: 0o600, flag: 'wx' })
    } catch (err) {
      throw fileError(err, path)
    }
    return
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'wx' })
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw fileError(err, path)
  }
}

function fileError(err: unknown, path: string): PlatformError {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EEXIST') return new PlatformError('ERR_INPUT_INVALID', `${path} already exists; use --force to replace it`)
  if (code === 'ENOENT') return new PlatformError('ERR_INPUT_INVALID', `Cannot write ${path}: its directory does not exist`)
  return new PlatformError('ERR_INPUT_INVALID', `Cannot write ${path}: ${(err as Error).message}`, { cause: err })
}
