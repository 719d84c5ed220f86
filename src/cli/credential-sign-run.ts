// The work of `emblem credential sign` (credential-sign.ts), loaded when it runs.
import { PlatformError } from '../core/errors.js'
import { openCredentialInput } from './credential-input.js'
import { loadSigner } from './credential-key.js'
import type { SignOptions } from './credential-sign.js'
import { runLines, threadsOption } from './credential-threads.js'
import type { CliIo } from './main.js'

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export async function runSign(file: string, options: SignOptions, io: CliIo): Promise<void> {
  const created = options.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  if (!DATE_TIME.test(created) || Number.isNaN(Date.parse(created)))
    throw new PlatformError('ERR_INPUT_INVALID', `--created must be an ISO date-time with a time zone, such as 2026-01-31T12:00:00Z; got ${created}`)
  const threads = threadsOption(options.threads)
  const { signer, keyJson } = await loadSigner(options.key, options.verificationMethod, io)
  const input = await openCredentialInput(file, io)

  if (input.format === 'document') {
    const { formatSigned, signOne } = await import('./credential-sign-line.js')
    for await (const { text } of input.records) io.out(`${formatSigned(await signOne(text, signer, options.suite, created), options.suite, true)}\n`)
    return
  }
  await runLines(
    input,
    {
      ...threads,
      work: async () => (await import('./credential-sign-line.js')).signLine(signer, options.suite, created),
      // The threads get the key file as read (loadSigner has checked it) and the verification method it resolved to.
      task: () => ({ task: 'sign', keyJson, verificationMethod: signer.verificationMethod, suite: options.suite, created }),
    },
    io,
  )
}
