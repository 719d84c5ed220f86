import { ORG_LIMITS } from '../../../app/orgs/index.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField, ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'

/** The new-organization page: the form, or (address not confirmed) why it cannot be used yet. */
export interface NewOrgModel {
  /** The signed-in user's address and whether it is confirmed (only confirmed users create organizations). */
  email: string
  emailVerified: boolean
  /** The instance's host, for the did:web example. */
  host: string
  values?: Readonly<Record<string, string>>
  errors?: FieldErrors
}

/** /orgs/new: create an organization and become its owner. */
export function NewOrgView({ model }: { model: NewOrgModel }) {
  const { t } = usePage()
  const values = model.values ?? {}
  const labels = { name: t.t('acct.newOrg.name'), slug: t.t('acct.newOrg.slug') }
  return (
    <div class="container page new-org-page">
      <PageHeader title={t.t('acct.newOrg.title')} lead={t.t('acct.newOrg.lead')} crumbs={[{ label: t.t('common.nav.dashboard'), href: '/dashboard' }, { label: t.t('acct.newOrg.title') }]} />
      {!model.emailVerified ? (
        <div data-needs-confirmation="">
          <Alert kind="warn" title={t.t('acct.newOrg.unconfirmedTitle')}>
            <p>{t.t('acct.newOrg.unconfirmed', { email: model.email })}</p>
            <form method="post" action="/verify-email/resend">
              <CsrfField />
              <button type="submit" class="button secondary"><Icon name="send" />{t.t('acct.account.resend')}</button>
            </form>
          </Alert>
        </div>
      ) : (
        <Card class="new-org-card">
          <ErrorSummary errors={model.errors} labels={labels} />
          <Form action="/orgs/new">
            <TextField name="name" label={labels.name} value={values['name']} autocomplete="organization" hint={t.t('acct.newOrg.nameHint')} errors={model.errors} required maxLength={ORG_LIMITS.name} />
            <TextField name="slug" label={labels.slug} value={values['slug']} hint={t.t('acct.newOrg.slugHint', { host: model.host })} errors={model.errors} markOptional maxLength={40} spellcheck={false} />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('acct.newOrg.submit')}</button>
              <a class="button ghost" href="/dashboard">{t.t('acct.newOrg.cancel')}</a>
            </FormActions>
          </Form>
        </Card>
      )}
    </div>
  )
}
