// /verify: anyone checks a credential — pasted, uploaded (JSON, baked PNG/SVG, PDF certificate), by
// URL, or scanned from a QR code where the browser can — and reads the verdict at a glance, the
// credential as a person reads it, and every check in plain language. Works without script.
import type { Verdict } from '../../../app/credentials/verdict.js'
import type { IntakeFormat } from '../../../app/intake/index.js'
import type { CredentialDisplay } from '../../../app/wallet/display.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, FileField, Form, FormActions, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { CheckList, VerdictBanner, isPending } from '../../components/verification.js'
import { useT } from '../../kit/env.js'
import { BrowserVerifier, FALLBACK_REASONS, type FallbackReason } from './browser-verifier.js'
import { CredentialCard } from './credential-card.js'

/** A verification's outcome as the page shows it. */
export interface VerifyResult {
  verdict: Verdict
  report: VerificationReport
  display: CredentialDisplay
  format: IntakeFormat
  checkedAt: Date
}

/** What the page is drawn from: the result of a verification (if one ran), the values and errors of the forms. */
export interface VerifyModel {
  result?: VerifyResult | undefined
  values: { credential?: string | undefined; url?: string | undefined }
  errors?: FieldErrors | undefined
  /** Why the browser handed this input to the server (the page's script says so in a hidden field). */
  fallback?: FallbackReason | undefined
}

export { FALLBACK_REASONS, type FallbackReason }

/** The accepted file types of the upload field. */
const ACCEPT = '.json,.jsonld,.jwt,.txt,.png,.svg,.pdf,application/json,application/ld+json,image/png,image/svg+xml,application/pdf,text/plain'

export function VerifyView({ model }: { model: VerifyModel }) {
  const t = useT()
  const { result, values, errors, fallback } = model
  const labels = { credential: t.t('verify.page.paste.label'), file: t.t('verify.page.file.label'), url: t.t('verify.page.url.label') }
  return (
    <div class="container page verify-page">
      <PageHeader eyebrow={t.t('verify.page.eyebrow')} title={t.t('verify.page.title')} lead={t.t('verify.page.lead')} />
      <ErrorSummary errors={errors} labels={labels} />
      {result && (
        <section class="verify-result stack-lg" aria-labelledby="verify-result-title">
          <h2 id="verify-result-title" class="sr-only">{t.t('verify.page.resultTitle')}</h2>
          <VerdictBanner verdict={result.verdict} checkedAt={result.checkedAt} checkedIn="server" detailsHref="#checks" />
          {fallback && (
            <p class="checked-where server" data-fallback={fallback}>
              <Icon name="alert" />
              <span><strong>{t.t('verify.fallback.title')}</strong> {t.t(`verify.fallback.${fallback}`)}</span>
            </p>
          )}
          <CredentialCard display={result.display} verdict={result.verdict} format={result.format} checkedAt={result.checkedAt} headingLevel={3} />
          <Card title={t.t('verify.page.checksTitle')} id="checks" headingLevel={3} note={t.t('verify.checkedAt', { when: t.dateTime(result.checkedAt) })}>
            <CheckList report={result.report} pendingLog={result.report.checks.some(isPending)} />
          </Card>
          {result.report.embedded && <EmbeddedList report={result.report} />}
          <p class="verify-again"><a href="/verify#verify-forms"><Icon name="refresh" />{t.t('verify.page.again')}</a></p>
        </section>
      )}
      <BrowserVerifier />
      <div class="verify-forms" id="verify-forms">
        <section class="card verify-method verify-paste" aria-labelledby="verify-paste-title">
          <h2 id="verify-paste-title"><Icon name="code" />{t.t('verify.page.paste.title')}</h2>
          <Form action="/verify" label={t.t('verify.page.paste.title')}>
            <input type="hidden" name="fallback" value="" data-fallback-field="" />
            <TextArea name="credential" label={labels.credential} hint={t.t('verify.page.paste.hint')} value={values.credential} rows={9} errors={errors} required />
            <FormActions><button type="submit" class="button">{t.t('verify.page.submit')}</button></FormActions>
          </Form>
        </section>
        <div class="verify-side">
          <section class="card verify-method verify-upload" aria-labelledby="verify-file-title" data-verify-drop="">
            <h2 id="verify-file-title"><Icon name="upload" />{t.t('verify.page.file.title')}</h2>
            <Form action="/verify" enctype="multipart/form-data" label={t.t('verify.page.file.title')}>
              <input type="hidden" name="fallback" value="" data-fallback-field="" />
              <div class="drop-zone">
                <FileField name="file" label={labels.file} hint={t.t('verify.page.file.hint')} accept={ACCEPT} errors={errors} required />
                <p class="drop-hint js-only" aria-hidden="true">{t.t('verify.page.file.drop')}</p>
              </div>
              <FormActions><button type="submit" class="button secondary">{t.t('verify.page.submit')}</button></FormActions>
            </Form>
          </section>
          <section class="card verify-method verify-url" aria-labelledby="verify-url-title">
            <h2 id="verify-url-title"><Icon name="link" />{t.t('verify.page.url.title')}</h2>
            <Form action="/verify" method="get" label={t.t('verify.page.url.title')}>
              <TextField name="url" type="url" label={labels.url} hint={t.t('verify.page.url.hint')} value={values.url} errors={errors} required placeholder="https://" />
              <FormActions><button type="submit" class="button secondary">{t.t('verify.page.submit')}</button></FormActions>
            </Form>
          </section>
          <section class="card verify-method verify-scan" aria-labelledby="verify-scan-title" data-verify-scan="" hidden>
            <h2 id="verify-scan-title"><Icon name="qr" />{t.t('verify.page.scan.title')}</h2>
            <p class="muted small">{t.t('verify.page.scan.hint')}</p>
            <video class="scan-video" muted playsinline hidden aria-label={t.t('verify.page.scan.video')}></video>
            <p class="scan-status muted small" role="status" aria-live="polite" data-scan-status=""></p>
            <div class="form-actions">
              <button type="button" class="button secondary" data-scan-start="" data-label-stop={t.t('verify.page.scan.stop')} data-label-start={t.t('verify.page.scan.start')} data-label-denied={t.t('verify.page.scan.denied')} data-label-looking={t.t('verify.page.scan.looking')}>
                {t.t('verify.page.scan.start')}
              </button>
            </div>
          </section>
        </div>
      </div>
      <p class="muted small verify-privacy no-js">{t.t('verify.page.privacy')}</p>
      <p class="muted small verify-privacy js-only">{t.t('verify.page.privacyBrowser')}</p>
    </div>
  )
}

/** A CLR's credentials, each with its own verdict and checks (open when it failed). */
function EmbeddedList({ report }: { report: VerificationReport }) {
  const t = useT()
  const embedded = report.embedded ?? []
  return (
    <Card title={t.t('verify.clr.title', { count: embedded.length })} id="embedded" headingLevel={3}>
      <p class="muted">{t.t('verify.clr.lead')}</p>
      <ol class="embedded-list">
        {embedded.map((item) => (
          <li data-embedded={item.index} data-verified={String(item.verified)}>
            <details class="disclosure" open={!item.verified}>
              <summary>
                <span class="embedded-name">{nameOf(item.report.credential) ?? t.t('verify.clr.item', { n: item.index + 1 })}</span>
                <StatusPill state={item.verified ? 'verified' : 'not-verified'} />
              </summary>
              <div>
                <CheckList report={item.report} />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </Card>
  )
}

/** A credential's name as people know it: its own, else its achievement's. */
function nameOf(credential: Record<string, unknown> | undefined): string | undefined {
  if (!credential) return undefined
  if (typeof credential.name === 'string' && credential.name) return credential.name
  const subject = (Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject) as { achievement?: { name?: unknown } } | undefined
  return typeof subject?.achievement?.name === 'string' ? subject.achievement.name : undefined
}
