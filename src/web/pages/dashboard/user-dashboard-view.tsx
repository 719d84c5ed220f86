// The signed-in person's home: their organizations with what each has issued, and the way to start one.
import type { MyOrg } from '../../../app/dashboard/ports.js'
import { hasRole, MIN_ROLE } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

/** What the dashboard shows. */
export interface UserDashboardModel {
  name: string
  email: string
  emailVerified: boolean
  orgs: readonly (MyOrg & { logoUrl?: string | undefined })[]
}

/** The page. */
export function UserDashboardView({ model }: { model: UserDashboardModel }) {
  const { t } = usePage()
  return (
    <div class="container page">
      <PageHeader
        eyebrow={t.t('dash.user.eyebrow')}
        title={t.t('dash.user.title', { name: model.name })}
        lead={model.orgs.length > 0 ? t.t('dash.user.lead', { count: model.orgs.length }) : undefined}
        actions={model.orgs.length > 0 && <a class="button secondary" href="/orgs/new"><Icon name="plus" />{t.t('dash.user.createAnother')}</a>}
      />
      {!model.emailVerified && (
        <Alert kind="warn" title={t.t('dash.user.unverified.title')}>
          <p>{t.rich('dash.user.unverified.text', { email: model.email, link: (chunks) => <a href="/account#email">{chunks}</a> })}</p>
        </Alert>
      )}
      {model.orgs.length === 0 ? (
        <EmptyState
          icon="building"
          title={t.t('dash.user.empty.title')}
          actions={
            <>
              <a class="button" href="/orgs/new"><Icon name="plus" />{t.t('dash.user.empty.create')}</a>
            </>
          }
        >
          {t.t('dash.user.empty.text', { email: model.email })}
        </EmptyState>
      ) : (
        <ul class="org-grid">
          {model.orgs.map((o) => (
            <li>
              <article class="card org-card" aria-labelledby={`org-${o.slug}`}>
                <div class="org-card-head">
                  {o.logoUrl ? <img src={o.logoUrl} alt="" width="48" height="48" /> : <span class="org-initial" aria-hidden="true">{Array.from(o.name)[0]?.toUpperCase()}</span>}
                  <div>
                    <h2 id={`org-${o.slug}`} class="h3"><a href={`/orgs/${o.slug}/dashboard`}>{o.name}</a></h2>
                    <span class="pill brand">{t.t(`dash.role.${o.role}`)}</span>
                  </div>
                </div>
                <dl class="org-card-figures">
                  <div><dt>{t.t('dash.user.credentials')}</dt><dd>{t.number(o.credentials)}</dd></div>
                  <div><dt>{t.t('dash.user.achievements')}</dt><dd>{t.number(o.achievements)}</dd></div>
                </dl>
                <div class="actions">
                  <a class="button secondary sm" href={`/orgs/${o.slug}/dashboard`}>{t.t('dash.user.open')}</a>
                  {hasRole(o.role, MIN_ROLE.issue) && <a class="button secondary sm" href={`/orgs/${o.slug}/issue`}>{t.t('dash.issueOne')}</a>}
                  <a class="button secondary sm" href={`/orgs/${o.slug}/credentials`}>{t.t('dash.user.credentials')}</a>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
