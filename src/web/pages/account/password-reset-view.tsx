import type { InstanceMailRoute } from '../../../app/mail/instance-outbox.js'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { AuthCard } from './auth-card.js'

/** The "forgot your password" form. */
export function ForgotPasswordView({ model }: { model: { email?: string; errors?: FieldErrors } }) {
  const { t } = usePage()
  const labels = { email: t.t('acct.field.email') }
  return (
    <AuthCard title={t.t('acct.forgot.title')} lead={t.t('acct.forgot.lead')} footer={<a href="/sign-in">{t.t('acct.forgot.back')}</a>}>
      <ErrorSummary errors={model.errors} labels={labels} />
      <Form action="/forgot-password">
        <TextField name="email" label={labels.email} type="email" value={model.email} autocomplete="email" errors={model.errors} required maxLength={254} />
        <FormActions>
          <button type="submit" class="button block">{t.t('acct.forgot.submit')}</button>
        </FormActions>
      </Form>
    </AuthCard>
  )
}

const SENT = { email: 'acct.forgot.sent', 'admin-outbox': 'acct.forgot.sentOutbox', 'server-log': 'acct.forgot.sentLog', held: 'acct.forgot.sentHeld' } as const

/** After asking for a reset: the same words whether or not the address has an account, and where the link went. */
export function ResetLinkSentView({ model }: { model: { route: InstanceMailRoute } }) {
  const { t } = usePage()
  return (
    <AuthCard title={t.t('acct.forgot.sentTitle')} footer={<a href="/sign-in">{t.t('acct.forgot.back')}</a>}>
      <div data-mail-route={model.route}>
        <Alert kind={model.route === 'held' ? 'warn' : model.route === 'email' ? 'ok' : 'info'}>
          <p>{t.t(SENT[model.route])}</p>
        </Alert>
      </div>
      {model.route === 'email' && <p>{t.rich('acct.forgot.sentHelp', { link: (chunks) => <a href="/forgot-password">{chunks}</a> })}</p>}
    </AuthCard>
  )
}

/** The new-password form of a live reset link; the token rides along in a hidden field. */
export function ResetPasswordView({ model }: { model: { token: string; errors?: FieldErrors } }) {
  const { t } = usePage()
  const labels = { password: t.t('acct.field.newPassword') }
  return (
    <AuthCard title={t.t('acct.reset.title')} lead={t.t('acct.reset.lead')}>
      <ErrorSummary errors={model.errors} labels={labels} />
      <Form action="/reset-password">
        <input type="hidden" name="token" value={model.token} />
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
          <button type="submit" class="button block">{t.t('acct.reset.submit')}</button>
        </FormActions>
      </Form>
    </AuthCard>
  )
}
