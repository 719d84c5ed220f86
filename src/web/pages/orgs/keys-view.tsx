// An organization's signing keys: the active one, retired ones that still verify what they signed,
// revoked ones; admins rotate, owners revoke a retired key that may have leaked.
import { ORG_LIMITS, type OrgKeyView } from '../../../app/orgs/index.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { CsrfField, Form } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { useT } from '../../kit/env.js'

/** A refused revocation: which key, why, and the reason typed. */
export interface KeyProblem {
  keyId: string
  message: string
  reason: string
}

/** What the keys page shows. */
export interface KeysModel {
  shell: ShellOrg
  role: RoleName
  did: string
  keys: readonly OrgKeyView[]
  problem?: KeyProblem | undefined
  done?: string | undefined
}

const DONE = { rotated: 'org.keys.done.rotated', revoked: 'org.keys.done.revoked' } as const

function RevokeForm({ model, k }: { model: KeysModel; k: OrgKeyView }) {
  const t = useT()
  const failed = model.problem?.keyId === k.id ? model.problem : undefined
  const id = `reason-${k.id}`
  return (
    <form method="post" action={`/orgs/${model.shell.slug}/keys/${k.id}/revoke`} class="key-revoke">
      <CsrfField />
      <div class="field">
        <label for={id}>{t.t('org.keys.reason')}<span class="sr-only"> {t.t('org.keys.reasonFor', { id: k.id })}</span></label>
        {failed && (
          <span class="field-error" id={`${id}-error`}>
            <Icon name="alert" />
            <span><span class="sr-only">{t.t('common.form.errorPrefix')} </span>{failed.message}</span>
          </span>
        )}
        <input id={id} name="reason" required maxlength={ORG_LIMITS.reason} value={failed?.reason ?? ''} aria-invalid={failed ? 'true' : undefined} aria-describedby={failed ? `${id}-error` : undefined} />
      </div>
      <button type="submit" class="button danger sm"><Icon name="x" />{t.t('org.keys.revoke')}<span class="sr-only"> {k.id}</span></button>
    </form>
  )
}

function KeyCard({ model, k }: { model: KeysModel; k: OrgKeyView }) {
  const t = useT()
  const canRevoke = hasRole(model.role, MIN_ROLE.own)
  return (
    <li class={`key-card card ${k.state}`}>
      <div class="key-head">
        <span class="key-icon" aria-hidden="true"><Icon name="key" /></span>
        <div>
          <h3><code>{k.id}</code></h3>
          <small class="muted">{`${model.did}#${k.id}`}</small>
        </div>
        <StatusPill state={k.state} />
      </div>
      <dl class="facts key-facts">
        <dt>{t.t('org.keys.publicKey')}</dt>
        <dd><CopyField value={k.publicKeyMultibase} id={`pk-${k.id}`} /></dd>
        <dt>{t.t('org.keys.created')}</dt>
        <dd>{t.dateTime(k.createdAt)}</dd>
        {k.retiredAt && (
          <>
            <dt>{t.t('org.keys.retired')}</dt>
            <dd>{t.dateTime(k.retiredAt)}</dd>
          </>
        )}
        {k.revokedAt && (
          <>
            <dt>{t.t('org.keys.revoked')}</dt>
            <dd>{t.dateTime(k.revokedAt)}{k.revocationReason && <> · <span class="muted">{k.revocationReason}</span></>}</dd>
          </>
        )}
      </dl>
      {k.state === 'retired' && canRevoke && <RevokeForm model={model} k={k} />}
    </li>
  )
}

/** The page. */
export function KeysView({ model }: { model: KeysModel }) {
  const t = useT()
  const { shell, role, keys, problem } = model
  const canRotate = hasRole(role, MIN_ROLE.manage)
  const done = model.done && model.done in DONE ? t.t(DONE[model.done as keyof typeof DONE]) : undefined
  return (
    <OrgShell org={shell} role={role} current="keys">
      <PageHeader eyebrow={shell.name} title={t.t('org.keys.title')} lead={t.t('org.keys.lead')} />
      <Flash message={done} />
      {problem && !keys.some((k) => k.id === problem.keyId) && <Alert kind="bad"><p>{problem.message}</p></Alert>}
      <div class="grid sidebar-right">
        <section aria-labelledby="keys-list-title">
          <h2 id="keys-list-title" class="sr-only">{t.t('org.keys.listTitle')}</h2>
          <ul class="key-list">
            {keys.map((k) => <KeyCard model={model} k={k} />)}
          </ul>
        </section>
        <div class="stack">
          <Card title={t.t('org.keys.aboutTitle')} id="about-keys">
            <p>{t.rich('org.keys.about', { link: (chunks) => <a href={`/orgs/${shell.slug}/did.json`}>{chunks}</a> })}</p>
            <p class="muted">{t.t('org.keys.revokeWarning')}</p>
            {!hasRole(role, MIN_ROLE.own) && <p class="muted">{t.t('org.keys.ownersOnly')}</p>}
          </Card>
          {canRotate && (
            <Card title={t.t('org.keys.rotateTitle')} id="rotate">
              <p>{t.t('org.keys.rotateLead')}</p>
              <Form action={`/orgs/${shell.slug}/keys/rotate`}>
                <button type="submit" class="button"><Icon name="refresh" />{t.t('org.keys.rotate')}</button>
              </Form>
            </Card>
          )}
        </div>
      </div>
    </OrgShell>
  )
}
