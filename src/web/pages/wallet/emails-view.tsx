// The account's e-mail addresses: each confirmed by a link e-mailed to it, removable (not the
// sign-in address, not the last confirmed one); credentials sent to a confirmed address can be
// claimed into the wallet. And the expiry reminder setting.
import type { AccountEmails } from '../../../app/wallet/wallet.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Checkbox, ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { useT } from '../../kit/env.js'

export const EMAIL_NOTICES = ['added', 'resent', 'removed', 'reminders-on', 'reminders-off'] as const
export type EmailNotice = (typeof EMAIL_NOTICES)[number]
export const emailNotice = (code: string | undefined): EmailNotice | undefined => EMAIL_NOTICES.find((n) => n === code)

export interface EmailsModel {
  emails: AccountEmails
  primary: string
  notice?: EmailNotice | undefined
  errors?: FieldErrors | undefined
  /** A problem with the whole page, already in its language. */
  alert?: string | undefined
  value?: string | undefined
}

export function EmailsView({ model }: { model: EmailsModel }) {
  const t = useT()
  const { emails, primary } = model
  return (
    <div class="container page narrow wallet-emails-page">
      <PageHeader
        crumbs={[{ label: t.t('wallet.title'), href: '/wallet' }, { label: t.t('wallet.emails.title') }]}
        title={t.t('wallet.emails.title')}
        lead={t.t('wallet.emails.lead')}
      />
      {model.notice && <Alert kind="ok"><p>{t.t(`wallet.emails.notice.${model.notice}`)}</p></Alert>}
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      <ErrorSummary errors={model.errors} labels={{ email: t.t('wallet.emails.new') }} />
      <Card title={t.t('wallet.emails.listTitle')} id="addresses">
        <ul class="wallet-emails">
          {emails.emails.map((e) => (
            <li>
              <span class="wallet-email">
                <Icon name="mail" />
                <strong>{e.email}</strong>
                {e.email === primary && <span class="pill">{t.t('wallet.emails.primary')}</span>}
                {e.verifiedAt ? <StatusPill state="verified" /> : <StatusPill state="pending" />}
              </span>
              <span class="wallet-email-actions">
                {!e.verifiedAt && e.email !== primary && (
                  <Form action="/account/emails/resend" class="inline">
                    <input type="hidden" name="email" value={e.email} />
                    <button type="submit" class="button ghost sm"><Icon name="send" />{t.t('wallet.emails.resend')}</button>
                  </Form>
                )}
                {e.email !== primary && (
                  <Form action="/account/emails/remove" class="inline">
                    <input type="hidden" name="email" value={e.email} />
                    <button type="submit" class="button ghost sm"><Icon name="trash" />{t.t('wallet.emails.remove')}<span class="sr-only"> {e.email}</span></button>
                  </Form>
                )}
              </span>
            </li>
          ))}
        </ul>
        {emails.emails.some((e) => !e.verifiedAt) && <p class="muted small">{t.t('wallet.emails.pendingHint')}</p>}
      </Card>
      <Card title={t.t('wallet.emails.addTitle')} id="add">
        <Form action="/account/emails" class="form">
          <TextField name="email" type="email" label={t.t('wallet.emails.new')} hint={t.t('wallet.emails.newHint')} value={model.value} errors={model.errors} autocomplete="email" maxLength={254} required />
          <FormActions><button type="submit" class="button"><Icon name="plus" />{t.t('wallet.emails.add')}</button></FormActions>
        </Form>
      </Card>
      <Card title={t.t('wallet.emails.remindersTitle')} id="reminders">
        <Form action="/account/emails/reminders" class="form">
          <Checkbox name="expiry_reminders" checked={emails.expiryReminders} label={t.t('wallet.emails.reminders')} hint={t.t('wallet.emails.remindersHint')} />
          <FormActions><button type="submit" class="button secondary">{t.t('wallet.emails.save')}</button></FormActions>
        </Form>
      </Card>
    </div>
  )
}
