// An organization's webhooks (admins): the endpoints and a form to add one; an endpoint with its
// secret, settings and delivery log; one delivery with every attempt and "Redeliver".
import type { Child } from 'hono/jsx'
import type { RoleName } from '../../../app/platform/roles.js'
import { WEBHOOK_EVENTS, type DeliveredEventType, type DeliveryState, type WebhookDeliveryRecord } from '../../../app/webhooks/ports.js'
import { WEBHOOK_LIMITS, type WebhookDeliveryView, type WebhookEndpointView } from '../../../app/webhooks/webhooks-use-cases.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, Form, FormActions, TextField, type FieldErrors } from '../../components/form.js'
import { Icon, type IconName } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

const STATE_LOOK: Record<DeliveryState | 'enabled' | 'disabled', readonly ['ok' | 'bad' | 'warn' | 'info' | 'neutral', IconName]> = {
  enabled: ['ok', 'check'],
  disabled: ['neutral', 'pause'],
  pending: ['warn', 'refresh'],
  delivered: ['ok', 'check'],
  failed: ['bad', 'x'],
}

/** A state in words with an icon (never colour alone). */
function HookPill({ state }: { state: DeliveryState | 'enabled' | 'disabled' }) {
  const t = useT()
  const [tone, icon] = STATE_LOOK[state]
  return (
    <span class={tone === 'neutral' ? 'pill' : `pill ${tone}`} data-state={state}>
      <Icon name={icon} />
      {t.t(`hook.state.${state}`)}
    </span>
  )
}

function EventName({ type }: { type: DeliveredEventType }) {
  const t = useT()
  return <span class="hook-event"><span>{t.t(`hook.event.${type}`)}</span> <code>{type}</code></span>
}

/** The event checkboxes, as one fieldset with its error. */
function EventChoices({ checked, errors }: { checked: readonly string[]; errors?: FieldErrors | undefined }) {
  const t = useT()
  const error = errors?.['events']
  return (
    <fieldset class="group hook-events" id="field-events" aria-describedby={['field-events-hint', error ? 'field-events-error' : ''].filter(Boolean).join(' ')}>
      <legend>{t.t('hook.field.events')}</legend>
      <span class="hint" id="field-events-hint">{t.t('hook.field.eventsHint')}</span>
      {error && (
        <span class="field-error" id="field-events-error">
          <Icon name="alert" />
          <span><span class="sr-only">{t.t('common.form.errorPrefix')} </span>{error}</span>
        </span>
      )}
      <div class="choices hook-event-grid">
        {WEBHOOK_EVENTS.map((event, i) => (
          <label class="check" for={i === 0 ? 'field-events-0' : `field-events-${i}`}>
            <input type="checkbox" id={`field-events-${i}`} name="events" value={event} checked={checked.includes(event)} />
            <span>{t.t(`hook.event.${event}`)}<span class="hint"><code>{event}</code></span></span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

function EndpointFields({ values, errors }: { values: Readonly<Record<string, string>>; errors?: FieldErrors | undefined }) {
  const t = useT()
  return (
    <>
      <TextField name="url" type="url" label={t.t('hook.field.url')} hint={t.t('hook.field.urlHint')} value={values['url']} maxLength={WEBHOOK_LIMITS.url} required errors={errors} />
      <TextField name="description" label={t.t('hook.field.description')} hint={t.t('hook.field.descriptionHint')} value={values['description']} maxLength={WEBHOOK_LIMITS.description} errors={errors} />
    </>
  )
}

const errorLabels = (t: ReturnType<typeof useT>) => ({ url: t.t('hook.field.url'), description: t.t('hook.field.description'), events: t.t('hook.field.events') })

/** What the endpoints page shows. */
export interface WebhooksModel {
  shell: ShellOrg
  role: RoleName
  endpoints: readonly WebhookEndpointView[]
  values?: Readonly<Record<string, string>> | undefined
  events?: readonly string[] | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
}

/** /orgs/:org/webhooks */
export function WebhooksView({ model }: { model: WebhooksModel }) {
  const t = useT()
  const { shell, role, endpoints, values = {}, errors } = model
  const base = `/orgs/${shell.slug}/webhooks`
  return (
    <OrgShell org={shell} role={role} current="webhooks">
      <PageHeader eyebrow={shell.name} title={t.t('hook.list.title')} lead={t.t('hook.list.lead', { name: 'Emblem' })} actions={<a class="button secondary" href="/api/docs#tag/Webhooks"><Icon name="book" />{t.t('hook.list.docs')}</a>} />
      <Flash message={model.done === 'deleted' ? t.t('hook.done.deleted') : undefined} />
      <ErrorSummary errors={errors} labels={errorLabels(t)} />
      <div class="stack-lg">
        <section aria-labelledby="hook-list-title" class="stack">
          <h2 id="hook-list-title">{t.t('hook.list.listTitle')}</h2>
          {endpoints.length === 0 ? (
            <EmptyState icon="send" title={t.t('hook.list.empty')} headingLevel={3}>{t.t('hook.list.emptyText')}</EmptyState>
          ) : (
            <DataTable
              id="webhook-endpoints"
              caption={t.t('hook.list.caption')}
              rows={endpoints}
              columns={[
                {
                  key: 'url',
                  header: t.t('hook.list.url'),
                  rowHeader: true,
                  cell: (e) => (
                    <span class="hook-endpoint-cell">
                      <a href={`${base}/${e.id}`}><code>{e.url}</code></a>
                      {e.description && <span class="muted small">{e.description}</span>}
                    </span>
                  ),
                },
                { key: 'events', header: t.t('hook.list.events'), cell: (e) => <span class="hook-tags">{e.events.map((ev) => <span class="tag">{t.t(`hook.event.${ev}`)}</span>)}</span> },
                {
                  key: 'status',
                  header: t.t('hook.list.status'),
                  cell: (e) => (
                    <span class="cluster">
                      <HookPill state={e.enabled ? 'enabled' : 'disabled'} />
                      {e.stats.failed > 0 && <span class="pill bad"><Icon name="x" />{t.t('hook.list.failedCount', { count: e.stats.failed })}</span>}
                      {e.stats.pending > 0 && <span class="pill warn"><Icon name="refresh" />{t.t('hook.list.pendingCount', { count: e.stats.pending })}</span>}
                    </span>
                  ),
                },
                { key: 'last', header: t.t('hook.list.lastDelivery'), cell: (e) => (e.stats.lastState && e.stats.lastAt ? <span class="cluster"><HookPill state={e.stats.lastState} /><span class="muted small">{t.dateTime(e.stats.lastAt)}</span></span> : <span class="muted">{t.t('hook.list.never')}</span>) },
              ]}
            />
          )}
        </section>
        <Card title={t.t('hook.list.createTitle')} id="create" class="hook-create">
          <Form action={base}>
            <EndpointFields values={values} errors={errors} />
            <EventChoices checked={model.events ?? ['credential.issued']} errors={errors} />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('hook.list.create')}</button>
            </FormActions>
          </Form>
        </Card>
      </div>
    </OrgShell>
  )
}

const DONE = ['created', 'saved', 'rotated', 'tested', 'enabled', 'disabled', 'redelivered'] as const

/** What an endpoint's page shows. */
export interface WebhookEndpointModel {
  shell: ShellOrg
  role: RoleName
  endpoint: WebhookEndpointView
  deliveries: readonly WebhookDeliveryRecord[]
  next?: string | undefined
  values?: Readonly<Record<string, string>> | undefined
  events?: readonly string[] | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
}

function PostButton({ action, children, kind = 'secondary' }: { action: string; children: Child; kind?: string }) {
  return (
    <form class="inline" method="post" action={action}>
      <CsrfField />
      <button type="submit" class={`button ${kind}`}>{children}</button>
    </form>
  )
}

/** /orgs/:org/webhooks/:id */
export function WebhookEndpointView({ model }: { model: WebhookEndpointModel }) {
  const t = useT()
  const { shell, role, endpoint: e, errors } = model
  const list = `/orgs/${shell.slug}/webhooks`
  const base = `${list}/${e.id}`
  const done = DONE.find((d) => d === model.done)
  const values = model.values ?? { url: e.url, description: e.description }
  return (
    <OrgShell org={shell} role={role} current="webhooks">
      <PageHeader
        crumbs={[{ label: t.t('hook.list.title'), href: list }, { label: e.description || e.url }]}
        eyebrow={t.t('hook.endpoint.eyebrow')}
        title={e.description || t.t('hook.endpoint.eyebrow')}
        lead={<code class="hook-url">{e.url}</code>}
        actions={
          <div class="cluster">
            <HookPill state={e.enabled ? 'enabled' : 'disabled'} />
            {e.enabled && <PostButton action={`${base}/test`} kind="">{<><Icon name="send" />{t.t('hook.endpoint.test')}</>}</PostButton>}
          </div>
        }
      />
      <Flash message={done ? t.t(`hook.done.${done}`) : undefined} />
      {!e.enabled && <Alert kind="warn"><p>{t.t('hook.endpoint.disabledNote')}</p></Alert>}
      <ErrorSummary errors={errors} labels={errorLabels(t)} />
      <div class="stack-lg">
        <section aria-labelledby="hook-log-title" class="stack">
          <h2 id="hook-log-title">{t.t('hook.endpoint.logTitle')}</h2>
          {model.deliveries.length === 0 ? (
            <EmptyState icon="inbox" title={t.t('hook.endpoint.logEmpty')} headingLevel={3}>{t.t('hook.endpoint.logEmptyText')}</EmptyState>
          ) : (
            <DataTable
              id="webhook-deliveries"
              caption={t.t('hook.endpoint.logCaption')}
              rows={model.deliveries}
              columns={[
                { key: 'event', header: t.t('hook.endpoint.event'), rowHeader: true, cell: (d) => <a href={`${base}/deliveries/${d.id}`}><EventName type={d.eventType} /></a> },
                { key: 'state', header: t.t('hook.list.status'), cell: (d) => <HookPill state={d.state} /> },
                { key: 'response', header: t.t('hook.endpoint.response'), cell: (d) => (d.responseStatus !== null ? <code>HTTP {d.responseStatus}</code> : <span class="muted">{d.attempts > 0 ? t.t('hook.endpoint.noResponse') : '—'}</span>) },
                { key: 'attempts', header: t.t('hook.endpoint.attempts'), numeric: true, cell: (d) => t.number(d.attempts) },
                { key: 'created', header: t.t('hook.endpoint.created'), cell: (d) => t.dateTime(d.createdAt) },
                { key: 'details', header: <span class="sr-only">{t.t('hook.endpoint.details')}</span>, cell: (d) => <a href={`${base}/deliveries/${d.id}`}>{t.t('hook.endpoint.details')}<span class="sr-only"> {d.id}</span></a> },
              ]}
              footer={model.next ? <a href={`${base}?before=${encodeURIComponent(model.next)}`}>{t.t('hook.endpoint.older')}<Icon name="chevronRight" /></a> : undefined}
            />
          )}
        </section>
        <div class="grid cols-2 hook-grid">
          <Card title={t.t('hook.endpoint.secretTitle')} id="secret">
            <p class="muted small">{t.t('hook.endpoint.secretText')}</p>
            <CopyField value={e.secret} id="hook-secret" secret />
            <div class="cluster hook-actions">
              <PostButton action={`${base}/rotate`}>{<><Icon name="refresh" />{t.t('hook.endpoint.rotate')}</>}</PostButton>
              <span class="muted small">{t.t('hook.endpoint.rotateHint')}</span>
            </div>
          </Card>
          <Card title={t.t('hook.endpoint.editTitle')} id="settings">
            <Form action={base}>
              <EndpointFields values={values} errors={errors} />
              <EventChoices checked={model.events ?? e.events} errors={errors} />
              <FormActions>
                <button type="submit" class="button">{t.t('hook.endpoint.save')}</button>
              </FormActions>
            </Form>
            <div class="cluster hook-actions">
              <PostButton action={`${base}/${e.enabled ? 'disable' : 'enable'}`}>{<><Icon name={e.enabled ? 'pause' : 'check'} />{t.t(e.enabled ? 'hook.endpoint.disable' : 'hook.endpoint.enable')}</>}</PostButton>
              <PostButton action={`${base}/delete`} kind="danger secondary">{<><Icon name="trash" />{t.t('hook.endpoint.delete')}</>}</PostButton>
            </div>
          </Card>
        </div>
      </div>
    </OrgShell>
  )
}

/** What a delivery's page shows. */
export interface WebhookDeliveryModel {
  shell: ShellOrg
  role: RoleName
  endpoint: WebhookEndpointView
  delivery: WebhookDeliveryView
  done?: string | undefined
}

const pretty = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** /orgs/:org/webhooks/:id/deliveries/:delivery */
export function WebhookDeliveryPage({ model }: { model: WebhookDeliveryModel }) {
  const t = useT()
  const { shell, role, endpoint: e, delivery: d } = model
  const list = `/orgs/${shell.slug}/webhooks`
  const base = `${list}/${e.id}`
  return (
    <OrgShell org={shell} role={role} current="webhooks">
      <PageHeader
        crumbs={[{ label: t.t('hook.list.title'), href: list }, { label: e.description || e.url, href: base }, { label: d.id }]}
        eyebrow={t.t('hook.delivery.eyebrow', { event: d.eventType })}
        title={t.t(`hook.event.${d.eventType}`)}
        actions={
          <div class="cluster">
            <HookPill state={d.state} />
            <PostButton action={`${base}/deliveries/${d.id}/redeliver`} kind="">{<><Icon name="refresh" />{t.t('hook.delivery.redeliver')}</>}</PostButton>
          </div>
        }
      />
      <Flash message={model.done === 'redelivered' ? t.t('hook.done.redelivered') : undefined} />
      <div class="stack-lg">
        <div class="grid cols-2 hook-grid">
          <Card title={t.t('hook.delivery.summaryTitle')} id="summary">
            <dl class="hook-facts">
              <div><dt>{t.t('hook.delivery.messageId')}</dt><dd><code>{d.id}</code></dd></div>
              <div><dt>{t.t('hook.list.status')}</dt><dd><HookPill state={d.state} /></dd></div>
              <div><dt>{t.t('hook.endpoint.attempts')}</dt><dd>{t.number(d.attempts)}</dd></div>
              <div><dt>{t.t('hook.endpoint.created')}</dt><dd>{t.dateTime(d.createdAt)}</dd></div>
              {d.state === 'pending' && <div><dt>{t.t('hook.delivery.nextAttempt')}</dt><dd>{t.dateTime(d.nextAttemptAt)}</dd></div>}
              <div><dt>{t.t('hook.delivery.retryUntil')}</dt><dd>{t.dateTime(d.retryUntil)}</dd></div>
            </dl>
            <p class="muted small">{t.t('hook.delivery.redeliverHint')}</p>
          </Card>
          <Card title={t.t('hook.delivery.payloadTitle')} id="payload">
            <pre class="hook-code" tabindex={0}>{pretty(d.payload)}</pre>
          </Card>
        </div>
        <section aria-labelledby="hook-attempts-title" class="stack">
          <h2 id="hook-attempts-title">{t.t('hook.delivery.attemptsTitle')}</h2>
          {d.attemptLog.length === 0 ? (
            <EmptyState icon="clock" title={t.t('hook.delivery.attemptsEmpty')} headingLevel={3} />
          ) : (
            <ol class="hook-attempts">
              {d.attemptLog.map((a) => (
                <li class="hook-attempt">
                  <div class="hook-attempt-head">
                    <strong>{t.dateTime(a.at)}</strong>
                    {a.responseStatus !== null ? <span class={a.responseStatus >= 200 && a.responseStatus < 300 ? 'pill ok' : 'pill bad'}><Icon name={a.responseStatus >= 200 && a.responseStatus < 300 ? 'check' : 'x'} />HTTP {a.responseStatus}</span> : <span class="pill bad"><Icon name="x" />{t.t('hook.endpoint.noResponse')}</span>}
                    <span class="muted small">{t.t('hook.delivery.duration')}: {t.t('hook.delivery.durationMs', { ms: a.durationMs })}</span>
                  </div>
                  {a.error && <p class="hook-error"><strong>{t.t('hook.delivery.error')}:</strong> {a.error}</p>}
                  <details>
                    <summary>{t.t('hook.delivery.headers')}</summary>
                    <pre class="hook-code" tabindex={0}>{Object.entries(a.requestHeaders).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
                  </details>
                  {a.responseBody && (
                    <details>
                      <summary>{t.t('hook.delivery.answer')}</summary>
                      <pre class="hook-code" tabindex={0}>{a.responseBody}</pre>
                    </details>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
        <p><a href={base}><Icon name="chevronLeft" />{t.t('hook.delivery.back')}</a></p>
      </div>
    </OrgShell>
  )
}
