import { Option, type Command } from 'commander'
import { parseJsonInput } from '../core/credential/index.js'
import { PlatformError } from '../core/errors.js'
import { signCredential, signJwt, type Signer } from '../core/proof/index.js'
import { openCredentialInput, type InputRecord } from './credential-input.js'
import { loadSigner } from './credential-key.js'
import { mapInOrder } from './credential-map-in-order.js'
import type { CliIo } from './main.js'

const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc-jwt'] as const
type Suite = (typeof SUITES)[number]

interface SignOptions {
  key: string
  suite: Suite
  verificationMethod?: string
  created?: string
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * `emblem credential sign [FILE|-] --key FILE`: adds a Data Integrity proof (or wraps in a VC-JWT) and
 * prints the result. JSON Lines in, JSON Lines out, in order; a line that cannot be signed is
 * reported on stderr with its line number and makes the exit code 1.
 */
export function register(credential: Command, io: CliIo): void {
  credential
    .command('sign')
    .description('sign a credential (JSON) or many (JSON Lines) with an Ed25519 Multikey key file')
    .argument('[file]', 'credential JSON or JSON Lines; - for standard input', '-')
    .requiredOption('-k, --key <file>', 'Multikey JSON key file with secretKeyMultibase (see `emblem keys generate`)')
    .addOption(new Option('-s, --suite <suite>', 'proof format').choices(SUITES).default('eddsa-rdfc-2022'))
    .option('--verification-method <id>', "the key's URL in proofs (default: the key file's id, else its did:key)")
    .option('--created <iso>', 'proof creation time, an ISO date-time with a time zone (default: now)')
    .action(async (file: string, options: SignOptions) => {
      const created = options.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
      if (!DATE_TIME.test(created) || Number.isNaN(Date.parse(created)))
        throw new PlatformError('ERR_INPUT_INVALID', `--created must be an ISO date-time with a time zone, such as 2026-01-31T12:00:00Z; got ${created}`)
      const signer = await loadSigner(options.key, options.verificationMethod, io)
      const input = await openCredentialInput(file, io)
      const sign = (text: string) => signOne(text, signer, options.suite, created)

      if (input.format === 'document') {
        for await (const { text } of input.records) io.out(`${format(await sign(text), options.suite, true)}\n`)
        return
      }
      await mapInOrder(
        input.records,
        async ({ line, text }: InputRecord) => {
          try {
            return { line, output: format(await sign(text), options.suite, false) }
          } catch (err) {
            return { line, error: err instanceof Error ? err.message : String(err) }
          }
        },
        (result) => {
          if ('output' in result) return io.out(`${result.output}\n`)
          io.err(`emblem: line ${result.line}: ${result.error}\n`)
          io.setExitCode(1)
        },
      )
    })
}

async function signOne(text: string, signer: Signer, suite: Suite, created: string): Promise<object | string> {
  const credential = parseJsonInput(text)
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
    throw new PlatformError('ERR_INPUT_INVALID', 'A credential must be a JSON object')
  if (suite === 'vc-jwt') return signJwt(credential as Record<string, unknown>, signer)
  return signCredential(credential, signer, { suite, created, proofAsArray: true })
}

const format = (signed: object | string, suite: Suite, pretty: boolean): string =>
  suite === 'vc-jwt' ? (signed as string) : JSON.stringify(signed, null, pretty ? 2 : undefined)
