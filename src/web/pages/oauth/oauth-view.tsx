import type { ConsentRequest, OAuthClientInfo } from '../../../app/oauth/consent-gate.js'
import type { OAuthGrantView } from '../../../app/oauth/oauth-use-cases.js'
import { scopeName } from '../../../app/oauth/scopes.js'
import { usePage } from '../../kit/env.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Form } from '../../components/form.js'
import { Icon, type IconName } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { httpsHref } from '../../components/safe-href.js'
import { HostsSection, type HostsModel } from './hosts-view.js'

const hostOf = (url: string | null): string | null => {
  if (!url) return null
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

const SCOPE_ICONS: Record<string, IconName> = { credentialRead: 'eye', credentialUpsert: 'upload', profileRead: 'user', profileUpdate: 'edit', offlineAccess: 'refresh' }

/** A scope in plain words: what the client may do (and its URI for the curious). */
function ScopeItem({ scope }: { scope: string }) {
  const { t } = usePage()
  const name = scopeName(scope)
  return (
    <li class="oauth-scope">
      <span class="oauth-scope-icon"><Icon name={name ? (SCOPE_ICONS[name] ?? 'key') : 'key'} /></span>
      <span>
        <strong>{name ? t.t(`oauth.scope.${name}.title`) : scope}</strong>
        <span class="muted">{name ? t.t(`oauth.scope.${name}.detail`) : ''}</span>
      </span>
    </li>
  )
}

/** The client's mark: its logo (only over https or this host) or its initial. */
function ClientMark({ client }: { client: OAuthClientInfo }) {
  const logo = httpsHref(client.logoUri) ?? null
  return (
    <span class="oauth-client-mark" aria-hidden="true">
      {logo ? <img src={logo} alt="" width={56} height={56} /> : (client.name.trim()[0] ?? '?').toUpperCase()}
    </span>
  )
}

/** The consent page: who asks, for what, and the two answers. */
export function ConsentView({ model }: { model: { request: ConsentRequest; userName: string; userEmail: string } }) {
  const { t } = usePage()
  const { client, scopes, redirectUri } = model.request
  const site = hostOf(client.clientUri) ?? hostOf(redirectUri) ?? client.name
  const returnHost = hostOf(redirectUri) ?? redirectUri
  return (
    <div class="container page oauth-page narrow">
      <div class="oauth-consent">
        <header class="oauth-consent-head">
          <ClientMark client={client} />
          <span class="oauth-consent-arrow" aria-hidden="true"><Icon name="link" /></span>
          <span class="oauth-client-mark self" aria-hidden="true"><Icon name="award" /></span>
        </header>
        <PageHeader title={t.t('oauth.consent.title', { client: client.name })} lead={t.t('oauth.consent.lead', { site })} />
        <Card class="oauth-card">
          <p class="oauth-signed-in">
            <Icon name="user" />
            <span>{t.t('oauth.consent.signedInAs', { name: model.userName, email: model.userEmail })}</span>
          </p>
          <h2 class="oauth-subhead">{t.t('oauth.consent.wants', { client: client.name })}</h2>
          {scopes.length > 0 ? (
            <ul class="oauth-scopes">
              {scopes.map((s) => (
                <ScopeItem scope={s} />
              ))}
            </ul>
          ) : (
            <p>{t.t('oauth.consent.noScopes')}</p>
          )}
          <dl class="oauth-facts">
            <div>
              <dt>{t.t('oauth.consent.returnsTo')}</dt>
              <dd><code>{returnHost}</code></dd>
            </div>
            {client.clientUri && (
              <div>
                <dt>{t.t('oauth.consent.website')}</dt>
                <dd>{httpsHref(client.clientUri) ? <a href={httpsHref(client.clientUri)} rel="noopener noreferrer nofollow">{hostOf(client.clientUri) ?? client.clientUri}</a> : <code>{client.clientUri}</code>}</dd>
              </div>
            )}
            {(client.policyUri || client.tosUri) && (
              <div>
                <dt>{t.t('oauth.consent.policies')}</dt>
                <dd class="oauth-policy-links">
                  {client.policyUri && (httpsHref(client.policyUri) ? <a href={httpsHref(client.policyUri)} rel="noopener noreferrer nofollow">{t.t('oauth.consent.privacy')}</a> : <span>{t.t('oauth.consent.privacy')}: <code>{client.policyUri}</code></span>)}
                  {client.tosUri && (httpsHref(client.tosUri) ? <a href={httpsHref(client.tosUri)} rel="noopener noreferrer nofollow">{t.t('oauth.consent.terms')}</a> : <span>{t.t('oauth.consent.terms')}: <code>{client.tosUri}</code></span>)}
                </dd>
              </div>
            )}
          </dl>
          <p class="muted oauth-note">{t.t('oauth.consent.note')}</p>
          <Form action={`/oauth/consent/${model.request.uid}`} label={t.t('oauth.consent.formLabel')} class="oauth-actions">
            <button type="submit" name="decision" value="allow" class="button"><Icon name="check" />{t.t('oauth.consent.allow')}</button>
            <button type="submit" name="decision" value="deny" class="button secondary"><Icon name="x" />{t.t('oauth.consent.deny')}</button>
          </Form>
        </Card>
      </div>
    </div>
  )
}

/** An authorization that is gone (answered, expired or unknown). */
export function ConsentGoneView() {
  const { t } = usePage()
  return (
    <div class="container page oauth-page narrow">
      <PageHeader title={t.t('oauth.gone.title')} lead={t.t('oauth.gone.lead')} />
      <p><a class="button secondary" href="/account/connections">{t.t('oauth.gone.connections')}</a></p>
    </div>
  )
}

/** The learner's connected apps and hosts, each revocable. */
export function ConnectionsView({ model }: { model: { grants: OAuthGrantView[]; revoked: boolean; hosts?: HostsModel | undefined } }) {
  const { t, locale } = usePage()
  const date = (iso: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso))
  return (
    <div class="container page oauth-page">
      <PageHeader title={t.t('oauth.connections.title')} lead={t.t('oauth.connections.lead')} crumbs={[{ label: t.t('oauth.crumb.account'), href: '/account' }]} />
      <Flash message={model.revoked ? t.t('oauth.connections.revoked') : undefined} />
      {model.grants.length === 0 ? (
        <EmptyState icon="link" title={t.t('oauth.connections.emptyTitle')}>
          <p>{t.t('oauth.connections.empty')}</p>
        </EmptyState>
      ) : (
        <ul class="oauth-grants">
          {model.grants.map((g) => (
            <li>
              <Card class="oauth-grant">
                <div class="oauth-grant-head">
                  <ClientMark client={g.client} />
                  <div>
                    <h2>{g.client.name}</h2>
                    <p class="muted">
                      {hostOf(g.client.clientUri) ?? hostOf(g.client.redirectUris[0] ?? null) ?? ''}
                      {' · '}
                      {t.t('oauth.connections.since', { date: date(g.grantedAt) })}
                    </p>
                  </div>
                </div>
                <ul class="oauth-scopes compact">
                  {g.scopes.map((s) => (
                    <ScopeItem scope={s} />
                  ))}
                </ul>
                <Form action={`/account/connections/${encodeURIComponent(g.id)}/revoke`} label={t.t('oauth.connections.revokeLabel', { client: g.client.name })} class="oauth-revoke">
                  <button type="submit" class="button danger secondary"><Icon name="trash" />{t.t('oauth.connections.revoke')}</button>
                </Form>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Alert kind="info">
        <p>{t.t('oauth.connections.about')}</p>
      </Alert>
      {model.hosts && <HostsSection model={model.hosts} />}
    </div>
  )
}
