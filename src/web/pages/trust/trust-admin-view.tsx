// /admin/trust: the issuers this instance trusts besides its own organizations, for its
// administrators: issuers added by hand (DID or Profile URL, name, note) and the registries it
// subscribes to (the Digital Credentials Consortium's format or a plain list), each with when it
// was last fetched and its last error.
import type { TrustedIssuerRecord, TrustRegistryRecord } from '../../../app/trust/ports.js'
import { TRUST_LIMITS } from '../../../app/trust/trust-input.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, Form, FormActions, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'

/** What the page shows. */
export interface TrustAdminModel {
  /** This instance's host (its own organizations are always trusted). */
  host: string
  issuers: readonly TrustedIssuerRecord[]
  registries: readonly TrustRegistryRecord[]
  /** Which form failed, its values and errors. */
  form?: 'issuer' | 'registry' | undefined
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
}

const DONE = ['issuerAdded', 'issuerRemoved', 'registryAdded', 'registryRefreshed', 'registryRemoved'] as const

function IssuerItem({ issuer }: { issuer: TrustedIssuerRecord }) {
  const t = useT()
  return (
    <li class="trust-item" data-issuer={issuer.issuerId}>
      <div class="trust-item-body">
        <p class="trust-item-title">{issuer.name}</p>
        <p class="trust-item-id"><code>{issuer.issuerId}</code></p>
        {issuer.note && <p class="muted small">{issuer.note}</p>}
        <p class="muted small">{t.t('trust.admin.addedOn', { date: t.date(issuer.createdAt) })}</p>
      </div>
      <form method="post" action={`/admin/trust/issuers/${issuer.id}/remove`} class="trust-item-actions">
        <CsrfField />
        <button type="submit" class="button secondary sm"><Icon name="trash" />{t.t('trust.admin.remove')}<span class="sr-only"> {issuer.name}</span></button>
      </form>
    </li>
  )
}

function RegistryItem({ registry }: { registry: TrustRegistryRecord }) {
  const t = useT()
  return (
    <li class="trust-item" data-registry={registry.url}>
      <div class="trust-item-body">
        <p class="trust-item-title">{registry.name} <span class="pill">{t.t(registry.format === 'dcc' ? 'trust.admin.formatDcc' : 'trust.admin.formatList')}</span></p>
        <p class="trust-item-id"><code>{registry.url}</code></p>
        <p class="small" data-issuer-count={String(registry.issuerCount)}>{t.t('trust.admin.issuerCount', { count: registry.issuerCount })}</p>
        <p class="muted small" data-refreshed={registry.refreshedAt ?? ''}>
          {registry.refreshedAt ? t.t('trust.admin.refreshedAt', { when: t.dateTime(registry.refreshedAt) }) : t.t('trust.admin.neverRefreshed')}
        </p>
        {registry.lastError && (
          <p class="field-error trust-error" data-registry-error="">
            <Icon name="alert" />
            <span>{registry.lastErrorAt ? t.t('trust.admin.lastErrorAt', { error: registry.lastError, when: t.dateTime(registry.lastErrorAt) }) : t.t('trust.admin.lastError', { error: registry.lastError })}</span>
          </p>
        )}
      </div>
      <div class="trust-item-actions">
        <form method="post" action={`/admin/trust/registries/${registry.id}/refresh`}>
          <CsrfField />
          <button type="submit" class="button secondary sm"><Icon name="refresh" />{t.t('trust.admin.refresh')}<span class="sr-only"> {registry.name}</span></button>
        </form>
        <form method="post" action={`/admin/trust/registries/${registry.id}/remove`}>
          <CsrfField />
          <button type="submit" class="button secondary sm"><Icon name="trash" />{t.t('trust.admin.unsubscribe')}<span class="sr-only"> {registry.name}</span></button>
        </form>
      </div>
    </li>
  )
}

/** The page. */
export function TrustAdminView({ model }: { model: TrustAdminModel }) {
  const t = useT()
  const issuerValues = model.form === 'issuer' ? (model.values ?? {}) : {}
  const registryValues = model.form === 'registry' ? (model.values ?? {}) : {}
  const done = DONE.find((d) => d === model.done)
  return (
    <div class="container page trust-admin">
      <PageHeader eyebrow={t.t('trust.admin.eyebrow')} title={t.t('trust.admin.title')} lead={t.t('trust.admin.lead')} />
      <Flash message={done ? t.t(`trust.admin.done.${done}`) : undefined} />
      <Alert kind="info">
        <p>{t.t('trust.admin.instance', { host: model.host })}</p>
      </Alert>
      <ErrorSummary
        errors={model.errors}
        labels={{ issuerId: t.t('trust.admin.issuerId'), name: t.t('trust.admin.name'), registryName: t.t('trust.admin.registryName'), note: t.t('trust.admin.note'), url: t.t('trust.admin.url'), format: t.t('trust.admin.format') }}
      />
      <div class="grid cols-2 trust-grid">
        <Card title={t.t('trust.admin.issuersTitle')} id="issuers">
          <p class="muted small">{t.t('trust.admin.issuersLead')}</p>
          {model.issuers.length === 0 ? (
            <EmptyState icon="shield" title={t.t('trust.admin.noIssuers')} headingLevel={3}>{t.t('trust.admin.noIssuersText')}</EmptyState>
          ) : (
            <ul class="trust-list">{model.issuers.map((issuer) => <IssuerItem issuer={issuer} />)}</ul>
          )}
          <Form action="/admin/trust/issuers" id="add-issuer" label={t.t('trust.admin.addIssuer')}>
            <h3>{t.t('trust.admin.addIssuer')}</h3>
            <TextField name="issuerId" label={t.t('trust.admin.issuerId')} hint={t.t('trust.admin.issuerIdHint')} value={issuerValues['issuerId']} errors={model.form === 'issuer' ? model.errors : undefined} required maxLength={TRUST_LIMITS.issuerId} spellcheck={false} autocomplete="off" />
            <TextField name="name" label={t.t('trust.admin.name')} value={issuerValues['name']} errors={model.form === 'issuer' ? model.errors : undefined} required maxLength={TRUST_LIMITS.name} autocomplete="off" />
            <TextArea name="note" label={t.t('trust.admin.note')} hint={t.t('trust.admin.noteHint')} value={issuerValues['note']} errors={model.form === 'issuer' ? model.errors : undefined} rows={2} maxLength={TRUST_LIMITS.note} markOptional />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('trust.admin.addIssuerButton')}</button>
            </FormActions>
          </Form>
        </Card>
        <Card title={t.t('trust.admin.registriesTitle')} id="registries">
          <p class="muted small">{t.t('trust.admin.registriesLead')}</p>
          {model.registries.length === 0 ? (
            <EmptyState icon="globe" title={t.t('trust.admin.noRegistries')} headingLevel={3}>{t.t('trust.admin.noRegistriesText')}</EmptyState>
          ) : (
            <ul class="trust-list">{model.registries.map((registry) => <RegistryItem registry={registry} />)}</ul>
          )}
          <Form action="/admin/trust/registries" id="add-registry" label={t.t('trust.admin.addRegistry')}>
            <h3>{t.t('trust.admin.addRegistry')}</h3>
            <TextField name="registryName" label={t.t('trust.admin.registryName')} value={registryValues['registryName']} errors={model.form === 'registry' ? model.errors : undefined} required maxLength={TRUST_LIMITS.name} autocomplete="off" />
            <TextField name="url" type="url" label={t.t('trust.admin.url')} hint={t.t('trust.admin.urlHint')} value={registryValues['url']} errors={model.form === 'registry' ? model.errors : undefined} required maxLength={TRUST_LIMITS.url} />
            <Select
              name="format"
              label={t.t('trust.admin.format')}
              options={[
                ['dcc', t.t('trust.admin.formatDcc')],
                ['list', t.t('trust.admin.formatList')],
              ]}
              value={registryValues['format']}
              errors={model.form === 'registry' ? model.errors : undefined}
              required
            />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('trust.admin.addRegistryButton')}</button>
            </FormActions>
          </Form>
        </Card>
      </div>
    </div>
  )
}
