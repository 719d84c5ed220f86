// Loads little: commander and each command's definition (its options and help). A command's work,
// and the configuration and adapters it needs (src/cli/wiring.ts), are imported when it runs, so
// `emblem --help` and `emblem <command> --help` start at once.
import { Command, CommanderError } from 'commander'
import { PlatformError, type ErrorCode } from '../core/errors.js'
import { packageVersion } from '../package-version.js'
import { register as registerBackup } from './backup.js'
import { register as registerCredentialSign } from './credential-sign.js'
import { register as registerCredentialVerify } from './credential-verify.js'
import { register as registerDemo } from './demo.js'
import { register as registerKeys } from './keys.js'
import { register as registerLogAudit } from './log-audit.js'
import { register as registerLogMonitor } from './log-monitor.js'
import { register as registerLogWitness } from './log-witness.js'
import { register as registerLogForgetHead } from './log-forget-head.js'
import { register as registerMigrate } from './migrate.js'
import { isOffline } from './offline.js'
import { register as registerServe } from './serve.js'
import type { CliServices } from './services.js'
import { register as registerSkills } from './skills.js'

/**
 * What a command may touch besides its arguments; tests pass their own.
 * Commands print results with `out`, diagnostics with `err`, and fail by throwing: a
 * PlatformError (bad input is exit 2, see `exitCodeOf`) or commander's `command.error(msg, { exitCode })`.
 * A command that runs fine but has a negative answer (a credential that does not verify) calls `setExitCode(1)`.
 */
export interface CliIo {
  out(text: string): void
  /** Prints UTF-8 bytes as `out` prints text (by default through `out` when a test passes its own). */
  outBytes(bytes: Uint8Array): void
  err(text: string): void
  /** All of standard input, for a `-` file argument. */
  readStdin(): Promise<string>
  setExitCode(code: number): void
  /** The configured services (store, platform, fetcher), wired by src/cli/wiring.ts; tests may pass their own. */
  services: CliServices
}

/** Adds one command (with its options and action) to `parent`. Each command file exports one. */
export type RegisterCommand = (parent: Command, io: CliIo) => void

/**
 * Exit codes of PlatformErrors that reach the top: 2 when the input was at fault, 1 otherwise.
 * A Record: a new ErrorCode does not compile until it is given an exit code here.
 */
const exitCodeOf: Record<ErrorCode, 1 | 2> = {
  ERR_INPUT_INVALID: 2,
  ERR_INPUT_TOO_LARGE: 2,
  ERR_INPUT_TOO_DEEP: 2,
  ERR_ARRAY_TOO_LONG: 2,
  ERR_JSON_PARSE: 2,
  ERR_CONTEXT_UNKNOWN: 2,
  ERR_CONTEXT_INTEGRITY: 1,
  ERR_JSONLD: 2,
  ERR_KEY_INVALID: 2,
  ERR_KEY_UNAVAILABLE: 1,
  ERR_PROOF_INVALID: 2,
  ERR_DID_UNSUPPORTED: 2,
  ERR_DID_RESOLUTION: 1,
  ERR_FETCH_FAILED: 1,
  ERR_FETCH_BLOCKED: 2,
  ERR_STATUS_LIST_INVALID: 1,
  ERR_STATUS_INDEX_OUT_OF_RANGE: 2,
  ERR_STATUS_LIST_MULTIBASE: 1,
  ERR_STATUS_LIST_BASE64URL: 1,
  ERR_STATUS_LIST_GZIP: 1,
  ERR_STATUS_LIST_TOO_LARGE: 1,
  ERR_STATUS_LIST_LENGTH: 1,
  ERR_UNSUPPORTED_SUITE: 2,
  ERR_LOG_INCONSISTENT: 1,
  ERR_STORE_UNAVAILABLE: 1,
  ERR_STORAGE_FULL: 1,
  ERR_STORE_READ_ONLY: 1,
  ERR_NOTE_INVALID: 1,
  ERR_LOG_UNAVAILABLE: 1,
  ERR_CREDENTIAL_EXISTS: 1,
  ERR_UNAUTHENTICATED: 2,
  ERR_FORBIDDEN: 2,
  ERR_NOT_FOUND: 2,
  ERR_CONFLICT: 2,
  ERR_RATE_LIMITED: 1,
  ERR_CSRF: 2,
  ERR_IMAGE_INVALID: 2,
  ERR_CSV_INVALID: 2,
  ERR_IDEMPOTENCY_CONFLICT: 2,
  ERR_STATE_INVALID: 2,
  ERR_MAIL_FAILED: 1,
  ERR_TOKEN_INVALID: 2,
}

/**
 * Command groups and their commands. Add a command by exporting `register` from its own file and
 * listing it here; a command file imports only what its definition needs and loads its work in its
 * action (`await import()`), so that help stays fast (test/e2e/cli-startup.test.ts checks).
 */
function buildProgram(io: CliIo): Command {
  const program = new Command('emblem')
    .description('Emblem: open micro-credentials (Open Badges 3.0 / W3C VC 2.0)')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
  registerServe(program, io)
  registerMigrate(program, io)
  registerBackup(program, io)
  const keys = program.command('keys').description('Ed25519 signing keys as Multikey JSON')
  registerKeys(keys, io)
  const credential = program.command('credential').description('sign and verify Open Badges 3.0 credentials')
  registerCredentialSign(credential, io)
  registerCredentialVerify(credential, io)
  const log = program.command('log').description('audit and monitor a transparency log (C2SP tlog-tiles)')
  registerLogAudit(log, io)
  registerLogMonitor(log, io)
  registerLogWitness(log, io)
  registerLogForgetHead(log, io)
  registerSkills(program, io)
  registerDemo(program, io)
  return program
}

const processIo: Omit<CliIo, 'services'> = {
  out: (text) => void process.stdout.write(text),
  outBytes: (bytes) => void process.stdout.write(bytes),
  err: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk)
    return Buffer.concat(chunks).toString('utf8')
  },
  setExitCode: () => {},
}

/** The configured services, wired just before a command runs (never for --help); until then, using them is a bug. */
let wired: CliServices | undefined
const wiredServices = (): CliServices => {
  if (wired === undefined) throw new Error('The CLI services were used before a command ran')
  return wired
}
const processServices: CliServices = {
  serve: (options) => wiredServices().serve(options),
  migrate: () => wiredServices().migrate(),
  withPlatform: (work, options) => wiredServices().withPlatform(work, options),
  fetcher: (allow) => wiredServices().fetcher(allow),
  publicUrl: () => wiredServices().publicUrl(),
  backup: (file, options) => wiredServices().backup(file, options),
  restore: (file, options) => wiredServices().restore(file, options),
  rotateMasterKey: () => wiredServices().rotateMasterKey(),
  credentialsSignedBy: (org, keyId) => wiredServices().credentialsSignedBy(org, keyId),
  forgetLogHead: () => wiredServices().forgetLogHead(),
}

/**
 * Runs the `emblem` command line and returns its exit code: 0 success, 1 failure
 * (or a negative answer, such as a credential that does not verify), 2 bad usage or bad input.
 * Never prints a stack trace.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  let exitCode = 0
  const out = io.out
  const cli: CliIo = {
    ...processIo,
    services: processServices,
    ...(out === undefined ? {} : { outBytes: (bytes: Uint8Array) => out(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) }),
    ...io,
    setExitCode: (code) => void (exitCode = code),
  }
  const program = buildProgram(cli)
  if (io.services === undefined)
    program.hook('preAction', async (_program, command) => {
      if (!isOffline(command)) wired ??= (await import('./wiring.js')).createCliServices()
    })
  for (const command of [program, ...allSubcommands(program)]) {
    command.exitOverride().configureOutput({ writeOut: cli.out, writeErr: cli.err })
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (err) {
    return reportError(err, cli)
  }
}

function reportError(err: unknown, cli: CliIo): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help/version text).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0
    return err.exitCode === 0 ? 0 : 2
  }
  // ConfigError (src/config.ts), by name: the configuration's schema is not loaded for --help.
  if (err instanceof Error && err.name === 'ConfigError') {
    cli.err(`emblem: ${err.message}\n`)
    return 2
  }
  if (err instanceof PlatformError) {
    cli.err(`emblem: ${err.message}\n`)
    return exitCodeOf[err.code]
  }
  cli.err(`emblem: ${err instanceof Error ? err.message : String(err)}\n`)
  return 1
}

function allSubcommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...allSubcommands(sub)])
}
