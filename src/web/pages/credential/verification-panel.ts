import { html } from 'hono/html'
import type { CheckId, VerificationReport } from '../../../core/verification/index.js'
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import { isLogPending } from '../../../app/credentials/verify-local.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'

/** What each check establishes, in words a reader of the page knows. */
const CHECK_LABEL: Record<CheckId, string> = {
  parse: 'Readable credential',
  schema: 'Open Badges 3.0 format',
  proof: 'Signature',
  'issuer-binding': "Signed with the issuer's key",
  'validity-period': 'Validity period',
  status: 'Not revoked or suspended',
  'log-inclusion': 'Recorded in the transparency log',
}

const OUTCOME = {
  passed: html`<span class="pill ok">✓ Passed</span>`,
  failed: html`<span class="pill bad">✗ Failed</span>`,
  skipped: html`<span class="pill">– Skipped</span>`,
  pending: html`<span class="pill warn">… Pending</span>`,
}

/** The verdict at the top of the page: revoked or suspended (with the issuer's reason) first, then the live report. */
export function verdictBanner(view: Pick<IssuedCredentialView, 'state' | 'stateReason'>, report: VerificationReport) {
  const reason = view.stateReason ? ` — ${view.stateReason}` : ''
  const statusCode = report.checks.find((c) => c.id === 'status')?.code
  if (view.state === 'revoked' || statusCode === 'CREDENTIAL_REVOKED')
    return html`<div class="alert bad" role="status"><p><strong>Revoked${reason}</strong></p><p>The issuer has revoked this credential. It is no longer valid.</p></div>`
  if (view.state === 'suspended' || statusCode === 'CREDENTIAL_SUSPENDED')
    return html`<div class="alert warn" role="status"><p><strong>Suspended${reason}</strong></p><p>The issuer has suspended this credential for now.</p></div>`
  if (report.verified)
    return html`<div class="alert ok" role="status"><p><strong>Verified</strong></p><p>The signature, the issuer, the dates and the status all check out, right now.</p></div>`
  const failed = report.checks.find((c) => c.outcome === 'failed')
  return html`<div class="alert bad" role="status"><p><strong>Not verified</strong></p>${failed ? html`<p>${CHECK_LABEL[failed.id]}: ${failed.message}</p>` : ''}</div>`
}

/** Every check of the live verification of credential `credentialId` (`urn:uuid:…`), with its outcome and what it found; linked to the log and the JSON report. */
export function verificationPanel(credentialId: string, report: VerificationReport, checkedAt: Date) {
  const pending = isLogPending(report)
  return html`<section aria-labelledby="verification">
    <h2 id="verification">Verification</h2>
    <p class="muted">Checked live when this page was loaded, ${checkedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC.</p>
    <div class="table-wrap">
      <table>
        <thead><tr><th scope="col">Check</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
        <tbody>
          ${report.checks.map(
            (check) => html`<tr>
              <th scope="row">${CHECK_LABEL[check.id]}</th>
              <td>${check.id === 'log-inclusion' && pending ? OUTCOME.pending : OUTCOME[check.outcome]}</td>
              <td>${check.code ? html`<code>${check.code}</code> ` : ''}${check.message}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p>
      Transparency log: <a href="/log?credential=${encodeURIComponent(credentialId)}">look this credential up in the public log</a>
      · <a href="/api/v1/credentials/${credentialUuid(credentialId)}/verification">the verification report as JSON</a>
    </p>
  </section>`
}
