import type { InstanceMailRoute } from '../../../app/mail/instance-outbox.js'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { AuthCard } from './auth-card.js'
import { withNext } from './next-path.js'

/** The sign-up form, blank or with the user's input and the problems found in it. */
export interface SignUpModel {
  values?: Readonly<Record<string, string>>
  errors?: FieldErrors
  next?: string | undefined
}

/** The sign-up form. */
export function SignUpView({ model }: { model: SignUpModel }) {
  const { t } = usePage()
  const values = model.values ?? {}
  const labels = { name: t.t('acct.field.name'), email: t.t('acct.field.email'), password: t.t('acct.field.password') }
  return (
    <AuthCard
      title={t.t('acct.signUp.title')}
      lead={t.t('acct.signUp.lead')}
      footer={<>{t.rich('acct.signUp.haveAccount', { link: (chunks) => <a href={withNext('/sign-in', model.next)}>{chunks}</a> })}</>}
    >
      <ErrorSummary errors={model.errors} labels={labels} />
      <Form action={withNext('/sign-up', model.next)}>
        <TextField name="name" label={labels.name} value={values['name']} autocomplete="name" errors={model.errors} required maxLength={100} />
        <TextField name="email" label={labels.email} type="email" value={values['email']} autocomplete="email" hint={t.t('acct.signUp.emailHint')} errors={model.errors} required maxLength={254} />
        <TextField
          name="password"
          label={labels.password}
          type="password"
          autocomplete="new-password"
          hint={t.t('acct.field.passwordHint', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          errors={model.errors}
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
        />
        <FormActions>
          <button type="submit" class="button block">{t.t('acct.signUp.submit')}</button>
        </FormActions>
      </Form>
    </AuthCard>
  )
}

/** After sign-up: where the confirmation link went, truthfully (the same words whether or not the address had an account). */
export function CheckEmailView({ model }: { model: { route: InstanceMailRoute; next?: string | undefined } }) {
  const { t } = usePage()
  const { route } = model
  return (
    <AuthCard title={t.t('acct.checkEmail.title')}>
      <div data-mail-route={route}>
        {route === 'email' && (
          <Alert kind="ok" title={t.t('acct.checkEmail.sentTitle')}>
            <p>{t.t('acct.checkEmail.sent')}</p>
          </Alert>
        )}
        {route === 'admin-outbox' && (
          <Alert kind="info" title={t.t('acct.checkEmail.outboxTitle')}>
            <p>{t.t('acct.checkEmail.outbox')}</p>
            <p>{t.rich('acct.checkEmail.outboxHelp', { link: (chunks) => <a href="/admin/outbox">{chunks}</a> })}</p>
          </Alert>
        )}
        {route === 'server-log' && (
          <Alert kind="info" title={t.t('acct.checkEmail.logTitle')}>
            <p>{t.t('acct.checkEmail.log')}</p>
          </Alert>
        )}
        {route === 'held' && (
          <Alert kind="warn" title={t.t('acct.checkEmail.heldTitle')}>
            <p>{t.t('acct.checkEmail.held')}</p>
          </Alert>
        )}
      </div>
      {route === 'email' && <p>{t.t('acct.checkEmail.sentHelp')}</p>}
      <p>
        <a class="button block" href={withNext('/sign-in', model.next)}>{t.t('acct.checkEmail.continue')}</a>
      </p>
    </AuthCard>
  )
}
