import type { AccountOverview } from '../../../app/accounts/index.js'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../app/accounts/index.js'
import { usePage } from '../../kit/env.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField, ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'

/** Confirmations the account page shows after a redirect (a fixed set: nothing from the URL is shown). */
export const ACCOUNT_NOTICES = [
  'name-changed',
  'password-changed',
  'password-reset',
  'verification-sent',
  'verification-outbox',
  'verification-log',
  'verification-held',
  'already-verified',
] as const
export type AccountNotice = (typeof ACCOUNT_NOTICES)[number]

/** A notice code from the query, when it is one of ours. */
export const accountNotice = (code: string | undefined): AccountNotice | undefined => ACCOUNT_NOTICES.find((n) => n === code)

/** Which form failed, so its problems show next to its fields. */
export interface AccountFormState {
  form: 'name' | 'password' | 'resend'
  errors?: FieldErrors
  /** A problem with the whole form, already in the page's language. */
  alert?: string
  values?: Readonly<Record<string, string>>
}

/** The account page: the user, their organizations, and the forms that change them. */
export interface AccountModel {
  overview: AccountOverview
  notice?: AccountNotice | undefined
  failed?: AccountFormState | undefined
  /** Whether the user administers the instance (a link to its outbox). */
  admin: boolean
}

/** The signed-in user's account: details, organizations, name and password forms, sign out everywhere. */
export function AccountView({ model }: { model: AccountModel }) {
  const { t } = usePage()
  const { user, memberships } = model.overview
  const failed = model.failed
  const nameErrors = failed?.form === 'name' ? failed.errors : undefined
  const passwordErrors = failed?.form === 'password' ? failed.errors : undefined
  const verified = user.emailVerifiedAt !== null
  const passwordLabels = { currentPassword: t.t('acct.field.currentPassword'), newPassword: t.t('acct.field.newPassword') }
  return (
    <div class="container page account-page">
      <PageHeader title={t.t('acct.account.title')} lead={t.t('acct.account.lead')} />
      <Flash message={model.notice && t.t(`acct.account.notice.${model.notice}`)} />
      <div class="grid sidebar-right">
        <div class="stack-lg">
          <Card title={t.t('acct.account.details')} id="email">
            <dl class="facts">
              <dt>{t.t('acct.field.name')}</dt>
              <dd>{user.name}</dd>
              <dt>{t.t('acct.field.email')}</dt>
              <dd>
                <span class="cluster">
                  <span>{user.email}</span>
                  {verified ? (
                    <span class="pill ok"><Icon name="check" />{t.t('acct.account.confirmed')}</span>
                  ) : (
                    <span class="pill warn"><Icon name="alert" />{t.t('acct.account.unconfirmed')}</span>
                  )}
                </span>
              </dd>
              <dt>{t.t('acct.account.memberSince')}</dt>
              <dd><time datetime={user.createdAt}>{t.date(user.createdAt, 'long')}</time></dd>
            </dl>
            {!verified && (
              <div class="acct-gap">
                <Alert kind="warn" title={t.t('acct.account.unverifiedTitle')}>
                  <p>{t.t('acct.account.unverified')}</p>
                  {failed?.form === 'resend' && failed.alert && <p class="field-error">{failed.alert}</p>}
                  <form method="post" action="/verify-email/resend">
                    <CsrfField />
                    <button type="submit" class="button secondary"><Icon name="send" />{t.t('acct.account.resend')}</button>
                  </form>
                </Alert>
              </div>
            )}
            <p class="acct-gap"><a href="/account/emails"><Icon name="mail" /> {t.t('wallet.account.emailsLink')}</a></p>
          </Card>

          <Card title={t.t('acct.account.nameTitle')} id="name">
            <ErrorSummary errors={nameErrors} labels={{ name: t.t('acct.field.name') }} />
            <Form action="/account/name" label={t.t('acct.account.nameTitle')}>
              <TextField name="name" label={t.t('acct.field.name')} value={failed?.form === 'name' ? failed.values?.['name'] : user.name} autocomplete="name" errors={nameErrors} required maxLength={100} />
              <FormActions>
                <button type="submit" class="button">{t.t('acct.account.nameSubmit')}</button>
              </FormActions>
            </Form>
          </Card>

          <Card title={t.t('acct.account.passwordTitle')} id="password">
            <p class="muted">{t.t('acct.account.passwordLead')}</p>
            <ErrorSummary errors={passwordErrors} labels={passwordLabels} />
            {failed?.form === 'password' && failed.alert && <Alert kind="bad"><p>{failed.alert}</p></Alert>}
            <Form action="/account/password" label={t.t('acct.account.passwordTitle')}>
              <input type="text" name="username" value={user.email} autocomplete="username" hidden />
              <TextField name="currentPassword" label={passwordLabels.currentPassword} type="password" autocomplete="current-password" errors={passwordErrors} required maxLength={1000} />
              <TextField
                name="newPassword"
                label={passwordLabels.newPassword}
                type="password"
                autocomplete="new-password"
                hint={t.t('acct.field.passwordHint', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
                errors={passwordErrors}
                required
                minLength={PASSWORD_MIN}
                maxLength={PASSWORD_MAX}
              />
              <FormActions>
                <button type="submit" class="button">{t.t('acct.account.passwordSubmit')}</button>
              </FormActions>
            </Form>
          </Card>
        </div>

        <div class="stack-lg">
          <Card title={t.t('acct.account.orgs')} id="orgs">
            {memberships.length === 0 ? (
              <p class="muted">{t.t('acct.account.noOrgs')}</p>
            ) : (
              <ul class="account-orgs">
                {memberships.map((m) => (
                  <li>
                    <a href={`/orgs/${m.org.slug}/dashboard`}><Icon name="building" />{m.org.name}</a>
                    <span class="pill">{t.t(`acct.role.${m.role}`)}</span>
                  </li>
                ))}
              </ul>
            )}
            <p class="acct-gap">
              <a class="button secondary" href="/orgs/new"><Icon name="plus" />{t.t('acct.account.createOrg')}</a>
            </p>
          </Card>

          {model.admin && (
            <div>
              <Alert kind="info">
                <p>{t.rich('acct.account.adminOutbox', { link: (chunks) => <a href="/admin/outbox">{chunks}</a> })}</p>
              </Alert>
            </div>
          )}

          <Card title={t.t('acct.account.sessionsTitle')} id="sessions">
            <p class="muted">{t.t('acct.account.sessionsLead')}</p>
            <form method="post" action="/account/sign-out-everywhere">
              <CsrfField />
              <button type="submit" class="button danger"><Icon name="signOut" />{t.t('acct.account.sessionsSubmit')}</button>
            </form>
          </Card>
        </div>
      </div>
    </div>
  )
}
