import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Command } from 'commander'
import { PlatformError } from '../core/errors.js'
import type { CliIo } from './main.js'

interface GenerateOptions {
  out?: string
  id?: string
  controller?: string
  force?: boolean
}

/** `emblem keys generate`: a fresh Ed25519 key pair as Multikey JSON, written with mode 0600. */
export function register(keys: Command, io: CliIo): void {
  keys
    .command('generate')
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
