// An organization's API keys: create one (its secret shown once, with a copy button), list them
// by prefix, revoke. Admins and owners.
import { ORG_LIMITS, type ApiKeyRecord } from '../../../app/orgs/index.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, Form, FormActions, Select, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

/** What the API keys page shows. */
export interface ApiKeysModel {
  shell: ShellOrg
  role: RoleName
  keys: readonly ApiKeyRecord[]
  /** The key just made, with its secret: shown in this answer only. */
  created?: { name: string; secret: string } | undefined
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
}

const KEY_ROLES = ['issuer', 'viewer', 'admin'] as const

function CreatedKey({ created }: { created: { name: string; secret: string } }) {
  const t = useT()
  return (
    <Alert kind="ok" title={t.t('org.apiKeys.createdTitle', { name: created.name })} id="new-key">
      <p><strong>{t.t('org.apiKeys.createdOnce')}</strong> {t.t('org.apiKeys.createdHash')}</p>
      <CopyField value={created.secret} id="new-key-secret" secret />
      <p class="muted small">{t.rich('org.apiKeys.createdUse', { code: (chunks) => <code>{chunks}</code>, header: `Authorization: Bearer ${created.secret.slice(0, 13)}…` })}</p>
    </Alert>
  )
}

/** The page. */
export function ApiKeysView({ model }: { model: ApiKeysModel }) {
  const t = useT()
  const { shell, role, keys, values = {}, errors } = model
  const base = `/orgs/${shell.slug}/api-keys`
  return (
    <OrgShell org={shell} role={role} current="api-keys">
      <PageHeader eyebrow={shell.name} title={t.t('org.apiKeys.title')} lead={t.t('org.apiKeys.lead', { name: shell.name })} actions={<a class="button secondary" href="/api/docs"><Icon name="book" />{t.t('org.apiKeys.docs')}</a>} />
      <Flash message={model.done === 'revoked' ? t.t('org.apiKeys.done.revoked') : undefined} />
      {model.created && <CreatedKey created={model.created} />}
      <ErrorSummary errors={errors} labels={{ name: t.t('org.apiKeys.name'), role: t.t('org.field.role') }} />
      <div class="stack-lg">
        <section aria-labelledby="api-keys-list-title" class="stack">
          <h2 id="api-keys-list-title">{t.t('org.apiKeys.listTitle')}</h2>
          {keys.length === 0 ? (
            <EmptyState icon="code" title={t.t('org.apiKeys.empty')} headingLevel={3}>{t.t('org.apiKeys.emptyText')}</EmptyState>
          ) : (
            <DataTable
              id="api-keys"
              caption={t.t('org.apiKeys.caption')}
              rows={keys}
              columns={[
                { key: 'name', header: t.t('org.apiKeys.name'), rowHeader: true, cell: (k) => k.name },
                { key: 'key', header: t.t('org.apiKeys.key'), cell: (k) => <code>{`emb_${k.prefix}_…`}</code> },
                { key: 'role', header: t.t('org.field.role'), cell: (k) => t.t(`org.role.${k.role}`) },
                { key: 'created', header: t.t('org.apiKeys.created'), cell: (k) => t.date(k.createdAt, 'medium') },
                { key: 'used', header: t.t('org.apiKeys.lastUsed'), cell: (k) => (k.lastUsedAt ? t.dateTime(k.lastUsedAt) : t.t('org.apiKeys.never')) },
                {
                  key: 'state',
                  header: t.t('org.apiKeys.status'),
                  cell: (k) =>
                    k.revokedAt ? (
                      <StatusPill state="revoked" />
                    ) : (
                      <span class="cluster">
                        <StatusPill state="active" />
                        <form class="inline" method="post" action={`${base}/${k.id}/revoke`}>
                          <CsrfField />
                          <button type="submit" class="button danger secondary sm">{t.t('org.apiKeys.revoke')}<span class="sr-only"> {k.name}</span></button>
                        </form>
                      </span>
                    ),
                },
              ]}
            />
          )}
        </section>
        <Card title={t.t('org.apiKeys.createTitle')} id="create" class="api-key-create">
          <Form action={base}>
            <TextField name="name" label={t.t('org.apiKeys.name')} hint={t.t('org.apiKeys.nameHint')} value={values['name']} maxLength={ORG_LIMITS.apiKeyName} required errors={errors} />
            <Select name="role" label={t.t('org.field.role')} options={KEY_ROLES.map((r) => [r, t.t(`org.apiKeyRole.${r}`)] as const)} value={values['role']} required errors={errors} />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('org.apiKeys.create')}</button>
            </FormActions>
          </Form>
        </Card>
      </div>
    </OrgShell>
  )
}
