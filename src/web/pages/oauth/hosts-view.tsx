import type { Ob3HostView, Ob3ImportResult } from '../../../app/ob3client/ob3client-use-cases.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Form, Select, TextField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'

/** What the hosts section shows besides the hosts: a form's value and error, an outcome. */
export interface HostsModel {
  hosts: Ob3HostView[]
  /** Wallet credentials a learner may send (id, name). */
  credentials: readonly (readonly [string, string])[]
  baseUrl?: string | undefined
  errors?: Record<string, string> | undefined
  /** A problem to show above the hosts (a refused authorization, a withdrawn access). */
  problem?: string | undefined
  /** An outcome: connected, an import's counts, a credential sent. */
  connected?: string | undefined
  imported?: { host: string; result: Ob3ImportResult } | undefined
  pushed?: { host: string; status: 'created' | 'existing' } | undefined
  removed?: boolean | undefined
}

function ImportCounts({ result }: { result: Ob3ImportResult }) {
  const { t } = usePage()
  const cells: ['imported' | 'duplicates' | 'unverified' | 'failed', number, string][] = [
    ['imported', result.imported, 'ok'],
    ['duplicates', result.duplicates, ''],
    ['unverified', result.unverified, result.unverified > 0 ? 'warn' : ''],
    ['failed', result.failed, result.failed > 0 ? 'bad' : ''],
  ]
  return (
    <dl class="ob3-counts">
      {cells.map(([key, n, tone]) => (
        <div class={tone ? `ob3-count ${tone}` : 'ob3-count'} data-count={key}>
          <dt>{t.t(`oauth.hosts.count.${key}`)}</dt>
          <dd>{String(n)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The learner's other OB 3.0 hosts: connect one, import everything from it, send a credential there. */
export function HostsSection({ model }: { model: HostsModel }) {
  const { t, locale } = usePage()
  const date = (iso: string) => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))
  return (
    <section class="ob3-hosts" aria-labelledby="hosts-title">
      <h2 id="hosts-title">{t.t('oauth.hosts.title')}</h2>
      <p class="muted">{t.t('oauth.hosts.lead')}</p>
      {model.problem && <Alert kind="bad"><p>{model.problem}</p></Alert>}
      {model.connected && <Alert kind="ok"><p>{t.t('oauth.hosts.connected', { host: model.connected })}</p></Alert>}
      {model.removed && <Alert kind="ok"><p>{t.t('oauth.hosts.removed')}</p></Alert>}
      {model.pushed && <Alert kind="ok"><p>{t.t(model.pushed.status === 'created' ? 'oauth.hosts.pushed' : 'oauth.hosts.pushedExisting', { host: model.pushed.host })}</p></Alert>}
      {model.imported && (
        <Alert kind={model.imported.result.failed > 0 ? 'warn' : 'ok'} title={t.t('oauth.hosts.importedTitle', { host: model.imported.host })}>
          <p>{t.t('oauth.hosts.importedSummary', { read: String(model.imported.result.read), pages: String(model.imported.result.pages) })}</p>
          <ImportCounts result={model.imported.result} />
          {model.imported.result.failures.length > 0 && (
            <ul class="ob3-failures">{model.imported.result.failures.map((f) => <li>{f}</li>)}</ul>
          )}
        </Alert>
      )}
      <Card class="ob3-connect">
        <Form action="/account/connections/hosts" label={t.t('oauth.hosts.connectLabel')} class="form ob3-connect-form">
          <TextField name="baseUrl" type="url" label={t.t('oauth.hosts.baseUrl')} hint={t.t('oauth.hosts.baseUrlHint')} value={model.baseUrl} errors={model.errors} required placeholder="https://badges.example.org" maxLength={2000} />
          <button type="submit" class="button"><Icon name="link" />{t.t('oauth.hosts.connect')}</button>
        </Form>
      </Card>
      {model.hosts.length > 0 && (
        <ul class="oauth-grants ob3-host-list">
          {model.hosts.map((h) => (
            <li>
              <Card class="oauth-grant ob3-host" >
                <div class="oauth-grant-head">
                  <span class="oauth-client-mark" aria-hidden="true"><Icon name="link" /></span>
                  <div>
                    <h3>{h.name}</h3>
                    <p class="muted">
                      <span class={h.state === 'connected' ? 'pill ok' : h.state === 'revoked' ? 'pill bad' : 'pill warn'} data-host-state={h.state}>{t.t(`oauth.hosts.state.${h.state}`)}</span>
                      {h.connectedAt ? ` ${t.t('oauth.hosts.since', { date: date(h.connectedAt) })}` : ''}
                    </p>
                  </div>
                </div>
                {h.lastError && <p class="field-error">{h.lastError}</p>}
                {h.lastImport && (
                  <div class="ob3-last-import">
                    <p class="muted">{t.t('oauth.hosts.lastImport', { date: date(h.lastImport.at) })}</p>
                    <ImportCounts result={h.lastImport} />
                  </div>
                )}
                <div class="ob3-host-actions">
                  {h.state === 'connected' ? (
                    <Form action={`/account/connections/hosts/${h.id}/import`} label={t.t('oauth.hosts.importLabel', { host: h.name })} class="ob3-inline">
                      <button type="submit" class="button"><Icon name="download" />{t.t('oauth.hosts.import')}</button>
                    </Form>
                  ) : (
                    <Form action="/account/connections/hosts" label={t.t('oauth.hosts.reconnectLabel', { host: h.name })} class="ob3-inline">
                      <input type="hidden" name="baseUrl" value={h.apiUrl} />
                      <button type="submit" class="button"><Icon name="refresh" />{t.t('oauth.hosts.reconnect')}</button>
                    </Form>
                  )}
                  <Form action={`/account/connections/hosts/${h.id}/remove`} label={t.t('oauth.hosts.removeLabel', { host: h.name })} class="ob3-inline">
                    <button type="submit" class="button danger secondary"><Icon name="trash" />{t.t('oauth.hosts.remove')}</button>
                  </Form>
                </div>
                {h.state === 'connected' && model.credentials.length > 0 && (
                  <Form action={`/account/connections/hosts/${h.id}/push`} label={t.t('oauth.hosts.pushLabel', { host: h.name })} class="form ob3-push">
                    <Select name="credentialId" label={t.t('oauth.hosts.pushField')} options={model.credentials} />
                    <button type="submit" class="button secondary"><Icon name="upload" />{t.t('oauth.hosts.push', { host: h.name })}</button>
                  </Form>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Before the learner leaves for the host: where they go and why (a link: no form posts to another origin). */
export function HostAuthorizeView({ model }: { model: { host: Ob3HostView; authorizationUrl: string } }) {
  const { t } = usePage()
  return (
    <div class="container page oauth-page narrow">
      <PageHeader title={t.t('oauth.hosts.authorizeTitle', { host: model.host.name })} lead={t.t('oauth.hosts.authorizeLead', { host: model.host.name })} crumbs={[{ label: t.t('oauth.link.connections'), href: '/account/connections' }]} />
      <Card class="oauth-card">
        <p>{t.t('oauth.hosts.authorizeDetail')}</p>
        <p class="oauth-actions">
          <a class="button" href={model.authorizationUrl} rel="noopener noreferrer" data-authorize>
            <Icon name="link" />{t.t('oauth.hosts.authorizeGo', { host: model.host.name })}
          </a>
          <a class="button secondary" href="/account/connections">{t.t('oauth.hosts.authorizeCancel')}</a>
        </p>
      </Card>
    </div>
  )
}
