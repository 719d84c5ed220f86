// /wallet/visibility: whether employers can find the learner (location and country shown), who
// viewed them from a search, the employers they blocked; withdraw at any time.
import { countryName, countryOptions } from '../../../app/orgs/countries.js'
import type { TalentVisibility } from '../../../app/talent/talent-use-cases.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField, ErrorSummary, Form, FormActions, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

export interface VisibilityModel {
  visibility: TalentVisibility
  values?: { location: string; country: string } | undefined
  errors?: FieldErrors | undefined
  notice?: string | undefined
}

/** The opt-in form (also on /wallet/profile). */
export function OptinForm({ visibility, values, errors }: { visibility: TalentVisibility; values?: { location: string; country: string } | undefined; errors?: FieldErrors | undefined }) {
  const { t } = usePage()
  const v = values ?? { location: visibility.optin?.location ?? '', country: visibility.optin?.country ?? '' }
  const labels = { location: t.t('talent.visibility.location'), country: t.t('talent.visibility.country') }
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <Form action="/wallet/visibility" label={t.t('talent.optin.cardTitle')}>
        <TextField name="location" label={labels.location} hint={t.t('talent.visibility.locationHint')} value={v.location} errors={errors} maxLength={100} markOptional />
        <Select name="country" label={labels.country} value={v.country} errors={errors} placeholder={t.t('talent.visibility.countryNone')} options={countryOptions().map((c) => [c.code, c.name] as const)} />
        <FormActions>
          <button type="submit" class="button"><Icon name="eye" />{visibility.optin ? t.t('talent.visibility.update') : t.t('talent.visibility.save')}</button>
        </FormActions>
      </Form>
      {visibility.optin && (
        <form method="post" action="/wallet/visibility/withdraw" class="talent-withdraw">
          <CsrfField />
          <button type="submit" class="button danger secondary"><Icon name="x" />{t.t('talent.visibility.withdraw')}</button>
        </form>
      )}
    </>
  )
}

/** The state in one line. */
export function OptinState({ visibility }: { visibility: TalentVisibility }) {
  const { t } = usePage()
  const on = Boolean(visibility.optin)
  return (
    <div class="talent-state" data-findable={on ? 'yes' : 'no'}>
      <span class={`pill ${on ? 'ok' : ''}`}><Icon name={on ? 'check' : 'eye'} />{on ? t.t('talent.optin.on') : t.t('talent.optin.off')}</span>
      {visibility.optin && <small class="muted">{t.t('talent.visibility.since', { date: t.date(visibility.optin.optedInAt, 'medium') })}{visibility.optin.location || visibility.optin.country ? ` · ${[visibility.optin.location, visibility.optin.country ? countryName(visibility.optin.country) : ''].filter(Boolean).join(', ')}` : ''}</small>}
    </div>
  )
}

export function VisibilityView({ model }: { model: VisibilityModel }) {
  const { t } = usePage()
  const vis = model.visibility
  return (
    <div class="container page talent-visibility">
      <PageHeader title={t.t('talent.visibility.title')} lead={t.t('talent.visibility.lead')} actions={<a class="button secondary" href="/wallet/messages"><Icon name="mail" />{t.t('talent.visibility.messagesLink')}</a>} />
      <Flash message={model.notice} />
      <div class="grid sidebar-right">
        <div class="stack-lg">
          <Card title={t.t('talent.visibility.findMe')} id="find-me">
            <OptinState visibility={vis} />
            <p class="muted small">{t.t('talent.optin.cardBody')}</p>
            {vis.optin && !vis.profile?.public && <Alert kind="warn">{t.t('talent.optin.needsPublic')}</Alert>}
            <OptinForm visibility={vis} values={model.values} errors={model.errors} />
          </Card>
          <Card title={t.t('talent.visibility.viewsTitle')} id="views">
            {vis.views.length === 0 ? (
              <p class="muted">{t.t('talent.visibility.viewsEmpty')}</p>
            ) : (
              <div class="table-wrap" tabindex={0} role="region" aria-label={t.t('talent.visibility.viewsCaption')}>
                <table class="table">
                  <caption class="sr-only">{t.t('talent.visibility.viewsCaption')}</caption>
                  <thead><tr><th scope="col">{t.t('talent.visibility.org')}</th><th scope="col">{t.t('talent.visibility.when')}</th></tr></thead>
                  <tbody>
                    {vis.views.map((v) => (
                      <tr><td><Icon name="building" /> {v.orgName}</td><td><time datetime={v.viewedAt}>{t.dateTime(v.viewedAt)}</time></td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
        <div class="stack-lg">
          <Card title={t.t('talent.visibility.blockedTitle')} id="blocked">
            {vis.blocked.length === 0 ? (
              <p class="muted">{t.t('talent.visibility.blockedEmpty')}</p>
            ) : (
              <ul class="talent-blocked">
                {vis.blocked.map((b) => (
                  <li>
                    <span>{b.orgName}</span>
                    <form method="post" action={`/wallet/blocks/${encodeURIComponent(b.orgSlug)}/delete`} class="inline-form">
                      <CsrfField />
                      <input type="hidden" name="back" value="/wallet/visibility" />
                      <button type="submit" class="button secondary sm" aria-label={t.t('talent.visibility.unblockLabel', { org: b.orgName })}>{t.t('talent.visibility.unblock')}</button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  )
}

/** The card on /wallet/profile: the state and a link to the visibility page. */
export function OptinCard({ visibility }: { visibility: TalentVisibility }) {
  const { t } = usePage()
  return (
    <Card title={t.t('talent.optin.cardTitle')} id="employers">
      <OptinState visibility={visibility} />
      <p class="muted small">{t.t('talent.optin.cardBody')}</p>
      <OptinForm visibility={visibility} />
      <p><a href="/wallet/visibility">{t.t('talent.optin.manage')}</a></p>
    </Card>
  )
}
