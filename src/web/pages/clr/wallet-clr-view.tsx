// /wallet/clr: a learner chooses wallet credentials and downloads them as one signed CLR 2.0 record.
import type { PresentableCredential } from '../../../app/holder/holder-use-cases.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { CredentialChoices } from '../holder/credential-choices.js'
import { usePage } from '../../kit/env.js'

/** What the page shows: the wallet's credentials, the holder's DID, and a failed attempt's choices and problems. */
export interface WalletClrModel {
  did: string
  credentials: PresentableCredential[]
  chosen?: readonly string[]
  name?: string
  errors?: FieldErrors | undefined
  alert?: string | undefined
}

export function WalletClrView({ model }: { model: WalletClrModel }) {
  const { t } = usePage()
  const chosen = new Set(model.chosen ?? [])
  const error = model.errors?.['credentialIds']
  const header = <PageHeader title={t.t('clr.wallet.title')} lead={t.t('clr.wallet.lead')} crumbs={[{ label: t.t('clr.wallet.crumb'), href: '/wallet' }]} />
  if (model.credentials.length === 0)
    return (
      <div class="container page holder-page">
        {header}
        <EmptyState icon="award" title={t.t('clr.wallet.emptyTitle')} actions={<a class="button" href="/wallet">{t.t('clr.wallet.toWallet')}</a>}>
          <p>{t.t('clr.wallet.empty')}</p>
        </EmptyState>
      </div>
    )
  const labels = { credentialIds: t.t('clr.wallet.credentials'), name: t.t('clr.wallet.name') }
  return (
    <div class="container page holder-page">
      {header}
      <div class="grid sidebar-right">
        <Card>
          <ErrorSummary errors={model.errors} labels={labels} />
          {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
          <Form action="/wallet/clr" label={t.t('clr.wallet.title')}>
            <CredentialChoices
              name="credentialIds"
              idPrefix="clr"
              credentials={model.credentials}
              chosen={chosen}
              error={error}
              legend={labels.credentialIds}
              hint={t.t('clr.wallet.credentialsHint')}
              issuerText={(issuer) => t.t('clr.wallet.issuer', { issuer })}
              cannotText={t.t('clr.wallet.cannot')}
            />
            <TextField name="name" label={labels.name} hint={t.t('clr.wallet.nameHint')} value={model.name} errors={model.errors} markOptional maxLength={200} autocomplete="off" />
            <FormActions>
              <button type="submit" class="button"><Icon name="download" />{t.t('clr.wallet.submit')}</button>
            </FormActions>
          </Form>
        </Card>
        <div class="stack-lg">
          <Card title={t.t('clr.wallet.howTitle')}>
            <p class="muted">{t.t('clr.wallet.how')}</p>
          </Card>
          <Card>
            <p class="muted">{t.t('clr.wallet.signedAs')}</p>
            <code class="present-did">{model.did}</code>
          </Card>
        </div>
      </div>
    </div>
  )
}
