// /wallet/import: a learner brings a credential from anywhere into their wallet — pasted, uploaded
// (JSON, baked PNG/SVG, PDF certificate) or by URL — and sees it verified, with a link to it.
import type { Verdict } from '../../../app/credentials/verdict.js'
import type { IntakeFormat } from '../../../app/intake/index.js'
import type { CredentialDisplay } from '../../../app/wallet/display.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { Alert } from '../../components/alert.js'
import { ErrorSummary, FileField, Form, FormActions, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { CheckList, VerdictBanner, isPending } from '../../components/verification.js'
import { useT } from '../../kit/env.js'
import { CredentialCard } from '../verify/credential-card.js'

/** What an import kept. */
export interface ImportResult {
  itemId: string
  duplicate: boolean
  verdict: Verdict
  report: VerificationReport
  display: CredentialDisplay
  format: IntakeFormat
  checkedAt: Date
}

export interface ImportModel {
  result?: ImportResult | undefined
  values: { credential?: string | undefined; url?: string | undefined }
  errors?: FieldErrors | undefined
}

const ACCEPT = '.json,.jsonld,.jwt,.txt,.png,.svg,.pdf,application/json,application/ld+json,image/png,image/svg+xml,application/pdf,text/plain'

export function ImportView({ model }: { model: ImportModel }) {
  const t = useT()
  const { result, values, errors } = model
  const labels = { credential: t.t('intake.paste.label'), file: t.t('intake.file.label'), url: t.t('intake.url.label') }
  return (
    <div class="container page verify-page import-page">
      <PageHeader crumbs={[{ label: t.t('intake.crumb.wallet'), href: '/wallet' }, { label: t.t('intake.title') }]} title={t.t('intake.title')} lead={t.t('intake.lead')} />
      <ErrorSummary errors={errors} labels={labels} />
      {result && (
        <section class="verify-result stack-lg" aria-labelledby="import-result-title">
          <h2 id="import-result-title" class="sr-only">{t.t('intake.result.title')}</h2>
          <Alert kind={result.duplicate ? 'info' : 'ok'} title={result.duplicate ? t.t('intake.result.duplicate') : result.report.verified ? t.t('intake.result.kept') : t.t('intake.result.keptUnverified')}>
            <p><a href={`/wallet/${result.itemId}`} data-wallet-item={result.itemId}>{t.t('intake.result.open')}</a></p>
          </Alert>
          <VerdictBanner verdict={result.verdict} checkedAt={result.checkedAt} checkedIn="server" detailsHref="#checks" />
          <CredentialCard display={result.display} verdict={result.verdict} format={result.format} checkedAt={result.checkedAt} headingLevel={3} />
          <details class="card" id="checks">
            <summary>{t.t('intake.result.checks')}</summary>
            <CheckList report={result.report} pendingLog={result.report.checks.some(isPending)} />
          </details>
        </section>
      )}
      <div class="verify-forms">
        <section class="card verify-method verify-paste" aria-labelledby="import-paste-title">
          <h2 id="import-paste-title"><Icon name="code" />{t.t('intake.paste.title')}</h2>
          <Form action="/wallet/import" label={t.t('intake.paste.title')}>
            <TextArea name="credential" label={labels.credential} hint={t.t('intake.paste.hint')} value={values.credential} rows={9} errors={errors} required />
            <FormActions><button type="submit" class="button">{t.t('intake.submit')}</button></FormActions>
          </Form>
        </section>
        <div class="verify-side">
          <section class="card verify-method verify-upload" aria-labelledby="import-file-title" data-verify-drop="">
            <h2 id="import-file-title"><Icon name="upload" />{t.t('intake.file.title')}</h2>
            <Form action="/wallet/import" enctype="multipart/form-data" label={t.t('intake.file.title')}>
              <div class="drop-zone">
                <FileField name="file" label={labels.file} hint={t.t('intake.file.hint')} accept={ACCEPT} errors={errors} required />
                <p class="drop-hint js-only" aria-hidden="true">{t.t('intake.file.drop')}</p>
              </div>
              <FormActions><button type="submit" class="button secondary">{t.t('intake.submit')}</button></FormActions>
            </Form>
          </section>
          <section class="card verify-method verify-url" aria-labelledby="import-url-title">
            <h2 id="import-url-title"><Icon name="link" />{t.t('intake.url.title')}</h2>
            <Form action="/wallet/import" label={t.t('intake.url.title')}>
              <TextField name="url" type="url" label={labels.url} hint={t.t('intake.url.hint')} value={values.url} errors={errors} required placeholder="https://" />
              <FormActions><button type="submit" class="button secondary">{t.t('intake.submit')}</button></FormActions>
            </Form>
          </section>
        </div>
      </div>
    </div>
  )
}
