// Verifying one JSON Lines record, for `emblem credential verify` in the main thread and in the pool's threads.
import { verifyCredential, type VerifyDeps } from '../core/verification/index.js'
import type { InputRecord } from './credential-input.js'
import type { LineResult } from './credential-lines.js'
import { reportJson } from './credential-report.js'

/** Verifies a JSON Lines record: its report as one line of JSON. A verification that throws fails the whole run. */
export const verifyLine =
  (deps: VerifyDeps) =>
  async ({ line, text }: InputRecord): Promise<LineResult> => {
    const report = await verifyCredential(text, deps)
    return report.verified ? { line, output: reportJson(report) } : { line, output: reportJson(report), failed: true }
  }
