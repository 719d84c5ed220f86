// What /verify's script needs to verify in the browser and show the result the way the server
// does: where the verifier bundle is (loaded on demand), this instance's public URL, the words
// (from the catalogs, in the page's language) and templates of the verdict banners and check rows
// with their icons. Hidden, and inert without script: the forms post to the server as they are.
import type { Verdict } from '../../../app/credentials/verdict.js'
import type { Check, CheckId } from '../../../core/verification/index.js'
import { Icon } from '../../components/icons.js'
import { StatusPill } from '../../components/status-pill.js'
import { VerdictBanner } from '../../components/verification.js'
import { useT, usePage } from '../../kit/env.js'
import { PILL } from './credential-card.js'

/** Why the browser hands an input to the server (src/browser/verifier.ts's ServerReason). */
export const FALLBACK_REASONS = ['pdf', 'ob2', 'not-credential', 'unreachable', 'log-pending', 'trust-unavailable', 'failed', 'clr'] as const
export type FallbackReason = (typeof FALLBACK_REASONS)[number]

/** The reason a form carried, when it is one of ours. */
export const fallbackOf = (value: string | undefined | null): FallbackReason | undefined => FALLBACK_REASONS.find((r) => r === value)

const VERDICTS: readonly Verdict[] = ['verified', 'revoked', 'suspended', 'expired', 'not-verified', 'issuer-untrusted']
const CHECKS: readonly CheckId[] = ['parse', 'schema', 'proof', 'issuer-binding', 'validity-period', 'status', 'log-inclusion', 'recipient', 'trust']
const OUTCOMES: ReadonlyArray<Check['outcome'] | 'pending'> = ['passed', 'failed', 'skipped', 'pending']
const OUTCOME_ICON = { passed: 'check', failed: 'x', skipped: 'chevronRight', pending: 'clock' } as const

export function BrowserVerifier() {
  const t = useT()
  const { assets, publicUrl } = usePage()
  if (!assets.verifier) return null
  const strings: Record<string, string> = {
    working: t.t('verify.browser.working'),
    checkedAt: t.t('verify.checkedAt', { when: '{when}' }),
    resultTitle: t.t('verify.page.resultTitle'),
    checksTitle: t.t('verify.page.checksTitle'),
    again: t.t('verify.page.again'),
    issuedBy: t.t('verify.display.issuedBy'),
    awardedTo: t.t('verify.display.awardedTo', { name: '{name}' }),
    status: t.t('verify.display.status'),
    issuedOn: t.t('verify.display.issuedOn'),
    expires: t.t('verify.display.expires'),
    expiredOn: t.t('verify.display.expiredOn'),
    noExpiry: t.t('verify.display.noExpiry'),
    skills: t.t('verify.display.skills'),
    criteria: t.t('verify.display.criteria'),
    'format.vc-json': t.t('verify.display.format.vc-json'),
    'format.vc-jwt': t.t('verify.display.format.vc-jwt'),
  }
  for (const id of CHECKS) strings[`check.${id}`] = t.t(`verify.check.${id}`)
  for (const outcome of OUTCOMES) strings[`outcome.${outcome}`] = t.t(`verify.outcome.${outcome}`)
  return (
    <div hidden data-browser-verifier="" data-src={assets.verifier} data-public-url={publicUrl} data-lang={t.locale} data-strings={JSON.stringify(strings)}>
      {VERDICTS.map((verdict) => (
        <template data-verdict-template={verdict}>
          <VerdictBanner verdict={verdict} checkedAt={new Date(0)} checkedIn="browser" detailsHref="#checks" />
        </template>
      ))}
      {VERDICTS.map((verdict) => (
        <template data-pill-template={verdict}>
          <StatusPill state={PILL[verdict]} />
        </template>
      ))}
      <template data-where-template="">
        <p class="checked-where browser">
          <Icon name="shield" />
          <span><strong>{t.t('verify.browser.checkedHere')}</strong> {t.t('verify.browser.trustNote')}</span>
        </p>
      </template>
      {OUTCOMES.map((outcome) => (
        <template data-check-template={outcome}>
          <li class={`check ${outcome}`} data-outcome={outcome}>
            <span class="check-icon"><Icon name={OUTCOME_ICON[outcome]} /></span>
            <div>
              <p class="check-title"><span data-slot="title"></span><span class="sr-only"> — {t.t(`verify.outcome.${outcome}`)}</span></p>
              <p class="check-detail" data-slot="detail"></p>
            </div>
            <span class="check-outcome" aria-hidden="true">{t.t(`verify.outcome.${outcome}`)}</span>
          </li>
        </template>
      ))}
      <template data-icon-template="award"><Icon name="award" class="badge-placeholder" /></template>
      <template data-icon-template="refresh"><Icon name="refresh" /></template>
    </div>
  )
}
