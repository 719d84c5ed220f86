import type { VerificationReport } from '../core/verification/index.js'

/** Parse failures that mean the input is not a credential at all (bad input, exit 2), not a credential that fails to verify (exit 1). */
const NOT_A_CREDENTIAL = new Set(['JSON_PARSE', 'INPUT_INVALID', 'INPUT_TOO_LARGE', 'INPUT_TOO_DEEP', 'ARRAY_TOO_LONG', 'JWT_MALFORMED'])

/**
 * The exit code a report of `emblem credential verify` asks for: 0 verified, 2 when the input is not
 * a credential at all (unparsable JSON, an empty file: the parse check failed), else 1. The run
 * keeps the highest code any report asked for.
 */
export function exitCodeOfReport(report: VerificationReport): 0 | 1 | 2 {
  if (report.verified) return 0
  const parse = report.checks.find((c) => c.id === 'parse')
  return parse?.outcome === 'failed' && parse.code !== undefined && NOT_A_CREDENTIAL.has(parse.code) ? 2 : 1
}
