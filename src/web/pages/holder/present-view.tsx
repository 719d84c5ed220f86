import type { PresentableCredential } from '../../../app/holder/holder-use-cases.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { CredentialChoices } from './credential-choices.js'

/** What the Present page shows: the wallet's credentials, the holder's DID, and a failed attempt's values and problems. */
export interface PresentModel {
  did: string
  credentials: PresentableCredential[]
  chosen?: readonly string[]
  values?: { challenge?: string; domain?: string }
  errors?: FieldErrors | undefined
  alert?: string | undefined
}

/** /wallet/present: choose credentials, enter the verifier's challenge and domain, download the signed presentation. */
export function PresentView({ model }: { model: PresentModel }) {
  const { t } = usePage()
  const chosen = new Set(model.chosen ?? [])
  const error = model.errors?.['credentials']
  const header = <PageHeader title={t.t('holder.present.title')} lead={t.t('holder.present.lead')} crumbs={[{ label: t.t('holder.crumb.wallet'), href: '/wallet' }]} />
  if (model.credentials.length === 0)
    return (
      <div class="container page holder-page">
        {header}
        <EmptyState icon="award" title={t.t('holder.present.emptyTitle')} actions={<a class="button" href="/wallet">{t.t('holder.present.toWallet')}</a>}>
          <p>{t.t('holder.present.empty')}</p>
        </EmptyState>
      </div>
    )
  const labels = { credentials: t.t('holder.present.credentials'), challenge: t.t('holder.present.challenge'), domain: t.t('holder.present.domain') }
  return (
    <div class="container page holder-page">
      {header}
      <div class="grid sidebar-right">
        <Card>
          <ErrorSummary errors={model.errors} labels={labels} />
          {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
          <Form action="/wallet/present" label={t.t('holder.present.title')}>
            <CredentialChoices
              name="credentials"
              idPrefix="present"
              credentials={model.credentials}
              chosen={chosen}
              error={error}
              legend={labels.credentials}
              hint={t.t('holder.present.credentialsHint')}
              issuerText={(issuer) => t.t('holder.present.issuer', { issuer })}
              cannotText={t.t('holder.present.cannot')}
            />
            <TextField name="challenge" label={labels.challenge} hint={t.t('holder.present.challengeHint')} value={model.values?.challenge} errors={model.errors} required maxLength={500} spellcheck={false} autocomplete="off" />
            <TextField name="domain" label={labels.domain} hint={t.t('holder.present.domainHint')} value={model.values?.domain} errors={model.errors} markOptional maxLength={500} spellcheck={false} autocomplete="off" />
            <FormActions>
              <button type="submit" class="button"><Icon name="download" />{t.t('holder.present.submit')}</button>
            </FormActions>
          </Form>
        </Card>
        <div class="stack-lg">
          <Card title={t.t('holder.did.title')}>
            <p class="muted">{t.t('holder.present.signedAs')}</p>
            <code class="present-did">{model.did}</code>
          </Card>
          <Card title={t.t('holder.present.howTitle')}>
            <p class="muted">{t.t('holder.present.how')}</p>
          </Card>
        </div>
      </div>
    </div>
  )
}
