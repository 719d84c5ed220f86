// A credential's verification as people read it: one verdict at a glance (with stable hooks for
// tests and scripts: data-verdict, data-checked-in), then every check in plain language.
import type { Verdict } from '../../app/credentials/verdict.js'
import type { Check, CheckId, VerificationReport } from '../../core/verification/index.js'
import { useT } from '../kit/env.js'
import { Icon, type IconName } from './icons.js'

const VERDICT_LOOK: Record<Verdict, { tone: 'ok' | 'warn' | 'bad'; icon: IconName }> = {
  verified: { tone: 'ok', icon: 'shield' },
  revoked: { tone: 'bad', icon: 'x' },
  suspended: { tone: 'warn', icon: 'pause' },
  expired: { tone: 'warn', icon: 'clock' },
  'not-verified': { tone: 'bad', icon: 'shieldOff' },
  'issuer-untrusted': { tone: 'warn', icon: 'alert' },
}

/** The verdict banner: what it means, the issuer's reason when it withdrew the credential, when it was checked. */
export function VerdictBanner({ verdict, reason, changedAt, checkedAt, checkedIn = 'server', detailsHref = '#verification' }: { verdict: Verdict; reason?: string | null | undefined; changedAt?: string | null | undefined; checkedAt: Date; checkedIn?: 'server' | 'browser'; detailsHref?: string }) {
  const t = useT()
  const look = VERDICT_LOOK[verdict]
  return (
    <div class={`verdict ${look.tone}`} role="status" data-verdict={verdict} data-checked-in={checkedIn}>
      <span class="verdict-icon"><Icon name={look.icon} /></span>
      <div>
        <p class="verdict-title">{t.t(`verify.verdict.${verdict}`)}</p>
        <p class="verdict-text">
          {t.t(`verify.verdict.${verdict}.text`)}
          {reason && <> {t.t('verify.verdict.reason', { reason })}</>}
          {changedAt && <> {t.t('verify.verdict.since', { date: t.date(changedAt) })}</>}
        </p>
        <p class="verdict-meta">
          {t.t('verify.checkedAt', { when: t.dateTime(checkedAt) })} · <a href={detailsHref}>{t.t('verify.seeChecks')}</a>
        </p>
      </div>
    </div>
  )
}

const OUTCOME_ICON: Record<Check['outcome'] | 'pending', IconName> = { passed: 'check', failed: 'x', skipped: 'chevronRight', pending: 'clock' }

/** Whether the log check is only waiting for the next checkpoint (a credential issued seconds ago). */
export const isPending = (check: Check): boolean => check.id === 'log-inclusion' && check.outcome === 'skipped' && /pending|next checkpoint/i.test(check.message)

/** Every check of a report, in the order it ran, each with its outcome and what it found. */
export function CheckList({ report, pendingLog = false }: { report: VerificationReport; pendingLog?: boolean }) {
  const t = useT()
  return (
    <ol class="check-list">
      {report.checks.map((check) => {
        const outcome = check.id === 'log-inclusion' && pendingLog ? 'pending' : check.outcome
        return (
          <li class={`check ${outcome}`} data-check={check.id} data-outcome={outcome}>
            <span class="check-icon"><Icon name={OUTCOME_ICON[outcome]} /></span>
            <div>
              <p class="check-title">
                {t.t(`verify.check.${check.id satisfies CheckId}`)}
                <span class="sr-only"> — {t.t(`verify.outcome.${outcome}`)}</span>
              </p>
              <p class="check-detail">
                {check.code && <code>{check.code}</code>} {check.message}
              </p>
            </div>
            <span class="check-outcome" aria-hidden="true">{t.t(`verify.outcome.${outcome}`)}</span>
          </li>
        )
      })}
    </ol>
  )
}
