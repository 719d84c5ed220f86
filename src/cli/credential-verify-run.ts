// The work of `emblem credential verify` (credential-verify.ts), loaded when it runs.
import { PlatformError } from '../core/errors.js'
import { verifyCredential, type VerifyDeps } from '../core/verification/index.js'
import { loadDocuments } from './credential-documents.js'
import { exitCodeOfReport } from './credential-exit.js'
import { createCliFetcher } from './credential-fetcher.js'
import { openCredentialInput } from './credential-input.js'
import { verifyLine } from './credential-verify-line.js'
import { mapInOrder } from './credential-map-in-order.js'
import { formatReport, reportJson } from './credential-report.js'
import { runLines, threadsOption } from './credential-threads.js'
import type { VerifyOptions } from './credential-verify.js'
import type { CliIo } from './main.js'

export async function runVerify(file: string, options: VerifyOptions, io: CliIo): Promise<void> {
  const now = options.now === undefined ? new Date() : new Date(options.now)
  if (options.now !== undefined && (Number.isNaN(now.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(options.now)))
    throw new PlatformError('ERR_INPUT_INVALID', `--now must be an ISO date-time such as 2026-01-31T12:00:00Z; got ${options.now}`)
  const threads = threadsOption(options.threads)
  const documents = await loadDocuments(options.document, io)
  const fetcher = options.offline ? undefined : createCliFetcher(io.services.fetcher)
  const deps: VerifyDeps = { now, documents, ...(fetcher ? { fetcher } : {}) }
  const input = await openCredentialInput(file, io)

  if (input.format === 'document') {
    let exitCode = 0
    await mapInOrder(
      input.records,
      ({ text }) => verifyCredential(text, deps),
      (report) => {
        io.out(options.json === true ? `${reportJson(report)}\n` : formatReport(report))
        exitCode = Math.max(exitCode, exitCodeOfReport(report))
        if (exitCode > 0) io.setExitCode(exitCode)
      },
    )
    return
  }
  await runLines(
    input,
    {
      ...threads,
      work: async () => verifyLine(deps),
      task: () => ({ task: 'verify', now: now.getTime(), documents: [...documents], fetch: fetcher !== undefined }),
      ...(fetcher ? { fetch: fetcher } : {}),
    },
    io,
  )
}
