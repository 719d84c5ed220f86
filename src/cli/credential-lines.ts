// What `emblem credential sign` and `verify` make of one JSON Lines record, the same in the main
// thread and in the pool's threads (credential-pool.ts): credential-sign-line.ts, credential-verify-line.ts.

export const SUITES = ['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'vc-jwt'] as const
export type Suite = (typeof SUITES)[number]

/**
 * What became of one input line: the line to print (`failed` when it is a report of a credential that
 * did not verify), or why it could not be signed (printed on stderr with the line number).
 */
export type LineResult = { line: number; output: string; failed?: true } | { line: number; error: string }
