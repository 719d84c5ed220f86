import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { AuthCard } from './auth-card.js'

/** The outcome of opening a confirmation link, and where to go next. */
export function VerifyEmailView({ model }: { model: { outcome: 'verified' | 'already-verified'; signedIn: boolean } }) {
  const { t } = usePage()
  return (
    <AuthCard title={t.t('acct.verify.title')}>
      <Alert kind="ok">
        <p>{t.t(model.outcome === 'verified' ? 'acct.verify.verified' : 'acct.verify.already')}</p>
      </Alert>
      <p>
        {model.signedIn ? (
          <a class="button block" href="/dashboard">{t.t('acct.verify.toDashboard')}</a>
        ) : (
          <a class="button block" href="/sign-in?notice=verified">{t.t('acct.verify.signIn')}</a>
        )}
      </p>
    </AuthCard>
  )
}

/** A confirmation or reset link that cannot be used (400): what happened and how to get a new one. */
export function InvalidLinkView({ model }: { model: { kind: 'verify' | 'reset'; signedIn: boolean } }) {
  const { t } = usePage()
  const action =
    model.kind === 'reset' ? (
      <a class="button block" href="/forgot-password">{t.t('acct.link.getNew')}</a>
    ) : model.signedIn ? (
      <a class="button block" href="/account#email">{t.t('acct.link.newFromAccount')}</a>
    ) : (
      <a class="button block" href="/sign-in?next=%2Faccount">{t.t('acct.link.signInForNew')}</a>
    )
  return (
    <AuthCard title={t.t('acct.link.invalidTitle')}>
      <Alert kind="bad">
        <p>{t.t(model.kind === 'reset' ? 'acct.link.resetInvalid' : 'acct.link.verifyInvalid')}</p>
      </Alert>
      <p>{action}</p>
    </AuthCard>
  )
}
