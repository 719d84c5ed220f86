import type { Check, VerificationReport } from '../core/verification/index.js'

const MARK: Record<Check['outcome'], string> = { passed: '✓', failed: '✗', skipped: '–' }

/** A verification report for people: what was checked, a line per check with its mark, code and message, then the verdict. */
export function formatReport(report: VerificationReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length))
  const lines = [`Credential ${describe(report.credential)}`]
  for (const check of report.checks) {
    const code = check.code ? `${check.code}: ` : ''
    lines.push(`  ${MARK[check.outcome]} ${check.id.padEnd(width)}  ${code}${check.message}`)
  }
  lines.push(report.verified ? 'VERIFIED' : 'NOT VERIFIED')
  return `${lines.join('\n')}\n`
}

/** The report as one line of JSON: the verdict and the checks (the credential itself is the input). */
export const reportJson = (report: VerificationReport): string => JSON.stringify({ verified: report.verified, checks: report.checks })

function describe(credential: Record<string, unknown> | undefined): string {
  if (credential === undefined) return '(unreadable)'
  const id = typeof credential.id === 'string' ? credential.id : '(no id)'
  const name = typeof credential.name === 'string' ? ` "${credential.name}"` : ''
  return `${id}${name}`
}
