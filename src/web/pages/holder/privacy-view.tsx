import type { NotificationChoices } from '../../../app/holder/holder-use-cases.js'
import { usePage } from '../../kit/env.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Checkbox, ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'

/** The notification settings page. */
export function NotificationsView({ model }: { model: { choices: NotificationChoices; saved: boolean } }) {
  const { t } = usePage()
  return (
    <div class="container page holder-page narrow">
      <PageHeader title={t.t('holder.notifications.title')} lead={t.t('holder.notifications.lead')} crumbs={[{ label: t.t('holder.crumb.account'), href: '/account' }]} />
      <Flash message={model.saved ? t.t('holder.notifications.saved') : undefined} />
      <Card>
        <Form action="/account/notifications" label={t.t('holder.notifications.title')}>
          <Checkbox name="expiryReminders" label={t.t('holder.notifications.expiryReminders')} hint={t.t('holder.notifications.expiryRemindersHint')} checked={model.choices.expiryReminders} />
          <Checkbox name="productNews" label={t.t('holder.notifications.productNews')} hint={t.t('holder.notifications.productNewsHint')} checked={model.choices.productNews} />
          <FormActions>
            <button type="submit" class="button">{t.t('holder.notifications.submit')}</button>
          </FormActions>
        </Form>
      </Card>
    </div>
  )
}

/** The account deletion page: what goes, what stays, the organizations that block it, the password form. */
export function DeleteAccountView({ model }: { model: { email: string; soleOwner: ReadonlyArray<{ slug: string; name: string }>; errors?: FieldErrors | undefined; alert?: string | undefined } }) {
  const { t } = usePage()
  const blocked = model.soleOwner.length > 0
  return (
    <div class="container page holder-page narrow">
      <PageHeader title={t.t('holder.delete.title')} lead={t.t('holder.delete.lead')} crumbs={[{ label: t.t('holder.crumb.account'), href: '/account' }]} />
      <div class="delete-stack">
        <div class="grid cols-2">
          <Card title={t.t('holder.delete.removedTitle')} headingLevel={2}>
            <p>{t.t('holder.delete.removed')}</p>
          </Card>
          <Card title={t.t('holder.delete.keptTitle')} headingLevel={2}>
            <p>{t.t('holder.delete.kept')}</p>
          </Card>
        </div>
        {blocked ? (
          <Alert kind="bad" title={t.t('holder.delete.ownerTitle')}>
            <p>{t.t('holder.delete.owner')}</p>
            <ul>
              {model.soleOwner.map((o) => (
                <li><a href={`/orgs/${o.slug}/members`}>{t.t('holder.delete.ownerMembers', { org: o.name })}</a></li>
              ))}
            </ul>
          </Alert>
        ) : (
          <Card>
            <ErrorSummary errors={model.errors} labels={{ password: t.t('holder.delete.password') }} />
            {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
            <Form action="/account/delete" label={t.t('holder.delete.title')}>
              <input type="text" name="username" value={model.email} autocomplete="username" hidden />
              <TextField name="password" label={t.t('holder.delete.password')} hint={t.t('holder.delete.passwordHint')} type="password" autocomplete="current-password" errors={model.errors} required maxLength={1000} />
              <FormActions>
                <button type="submit" class="button danger"><Icon name="trash" />{t.t('holder.delete.submit')}</button>
                <a class="button secondary" href="/api/v1/me/export" download><Icon name="download" />{t.t('holder.delete.export')}</a>
              </FormActions>
            </Form>
          </Card>
        )}
      </div>
    </div>
  )
}

/** After deletion (signed out). */
export function AccountDeletedView() {
  const { t } = usePage()
  return (
    <div class="container page holder-page narrow">
      <PageHeader title={t.t('holder.deleted.title')} lead={t.t('holder.deleted.lead')} />
      <p><a class="button" href="/">{t.t('holder.deleted.home')}</a></p>
    </div>
  )
}
