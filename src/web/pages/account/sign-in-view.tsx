import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { AuthCard } from './auth-card.js'
import { withNext } from './next-path.js'

/** Notices other pages send people to the sign-in page with (a fixed set: nothing from the URL is shown). */
export const SIGN_IN_NOTICES = ['signed-out', 'signed-out-everywhere', 'verified'] as const
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number]

/** A notice code from the query, when it is one of ours. */
export const signInNotice = (code: string | undefined): SignInNotice | undefined => SIGN_IN_NOTICES.find((n) => n === code)

/** What the sign-in page shows: the form, and after a failure the e-mail kept and why. */
export interface SignInModel {
  email?: string
  errors?: FieldErrors
  /** A problem with the whole form (wrong password, too many attempts), already in the page's language. */
  alert?: string
  notice?: SignInNotice | undefined
  next?: string | undefined
}

/** The sign-in form. */
export function SignInView({ model }: { model: SignInModel }) {
  const { t } = usePage()
  const labels = { email: t.t('acct.field.email'), password: t.t('acct.field.password') }
  return (
    <AuthCard
      title={t.t('acct.signIn.title')}
      lead={t.t('acct.signIn.lead')}
      footer={<>{t.rich('acct.signIn.noAccount', { link: (chunks) => <a href={withNext('/sign-up', model.next)}>{chunks}</a> })}</>}
    >
      {model.notice && <Alert kind="ok"><p>{t.t(`acct.signIn.notice.${model.notice}`)}</p></Alert>}
      <ErrorSummary errors={model.errors} labels={labels} />
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      <Form action={withNext('/sign-in', model.next)}>
        <TextField name="email" label={labels.email} type="email" value={model.email} autocomplete="username" errors={model.errors} required maxLength={254} />
        <TextField name="password" label={labels.password} type="password" autocomplete="current-password" errors={model.errors} required maxLength={1000} />
        <p class="auth-aside"><a href="/forgot-password">{t.t('acct.signIn.forgot')}</a></p>
        <FormActions>
          <button type="submit" class="button block">{t.t('acct.signIn.submit')}</button>
        </FormActions>
      </Form>
    </AuthCard>
  )
}
