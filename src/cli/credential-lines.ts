// The work on one input record that `emblem credential sign` and `verify` do, the same in the main
// thread and in the pool's threads (credential-pool.ts), so both print the same bytes.
import { parseJsonInput } from '../core/credential/index.js'
import { PlatformError } from '../core/errors.js'
import { signCredential, signJwt, type Signer } from '../core/proof/index.js'
import { verifyCredential, type VerifyDeps } from '../core/verification/index.js'
import type { InputRecord } from './credential-input.js'
import { reportJson } from './credential-report.js'

export const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc-jwt'] as const
export type Suite = (typeof SUITES)[number]

/**
 * What became of one input line: the line to print (`failed` when it is a report of a credential that
 * did not verify), or why it could not be signed (printed on stderr with the line number).
 */
export type LineResult = { line: number; output: string; failed?: true } | { line: number; error: string }

/** Signs one credential's text: a Data Integrity proof, or a VC-JWT. */
export async function signOne(text: string, signer: Signer, suite: Suite, created: string): Promise<object | string> {
  const credential = parseJsonInput(text)
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential))
    throw new PlatformError('ERR_INPUT_INVALID', 'A credential must be a JSON object')
  if (suite === 'vc-jwt') return signJwt(credential as Record<string, unknown>, signer)
  return signCredential(credential, signer, { suite, created })
}

/** A signed credential as printed: a compact JWS, or JSON (pretty for a single document, one line for JSON Lines). */
export const formatSigned = (signed: object | string, suite: Suite, pretty: boolean): string =>
  suite === 'vc-jwt' ? (signed as string) : JSON.stringify(signed, null, pretty ? 2 : undefined)

/** Signs a JSON Lines record; a line that cannot be signed becomes its error message. */
export const signLine =
  (signer: Signer, suite: Suite, created: string) =>
  async ({ line, text }: InputRecord): Promise<LineResult> => {
    try {
      return { line, output: formatSigned(await signOne(text, signer, suite, created), suite, false) }
    } catch (err) {
      return { line, error: err instanceof Error ? err.message : String(err) }
    }
  }

/** Verifies a JSON Lines record: its report as one line of JSON. A verification that throws fails the whole run. */
export const verifyLine =
  (deps: VerifyDeps) =>
  async ({ line, text }: InputRecord): Promise<LineResult> => {
    const report = await verifyCredential(text, deps)
    return report.verified ? { line, output: reportJson(report) } : { line, output: reportJson(report), failed: true }
  }
