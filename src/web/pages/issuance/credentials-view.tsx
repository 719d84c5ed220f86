// The organization's issued credentials: the searchable list, one credential's record (state,
// learner, links to its public page, its actions) and the confirmation step before revoking.
import type { IssuedView } from '../../../app/issuance/issued-view.js'
import type { CredentialPushView } from '../../../app/ob3client/issuer-push.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { EmptyState } from '../../components/empty-state.js'
import { ErrorSummary, Form, FormActions, Select, TextArea, TextField, type FieldErrors, type SelectOption } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { DataTable, Pagination } from '../../components/table.js'
import { useT } from '../../kit/env.js'
import { uuidOfId } from './shared.js'

/** The list's filter, as the search form sends it. */
export interface CredentialFilter {
  q: string
  achievement: string
  state: string
  issuedFrom: string
  issuedTo: string
  batch: string
}

/** What the list shows. */
export interface CredentialsModel {
  org: ShellOrg
  role: RoleName
  items: readonly IssuedView[]
  filter: CredentialFilter
  achievements: readonly SelectOption[]
  next?: string | undefined
  /** The filter could not be used (a date that is none). */
  alert?: string | undefined
}

/** The list page. */
export function CredentialsView({ model }: { model: CredentialsModel }) {
  const t = useT()
  const { org, filter } = model
  const base = `/orgs/${org.slug}/credentials`
  const filtered = Object.values(filter).some(Boolean)
  return (
    <OrgShell org={org} role={model.role} current="credentials">
      <PageHeader
        eyebrow={t.t('iss.eyebrow')}
        title={t.t('iss.list.title')}
        lead={t.t('iss.list.lead')}
        actions={<a class="button" href={`/orgs/${org.slug}/issue`}><Icon name="send" />{t.t('iss.list.issue')}</a>}
      />
      <Card class="iss-filter">
        <form method="get" action={base} role="search" aria-label={t.t('iss.list.searchLabel')} class="iss-filter-form">
          <TextField name="q" type="search" label={t.t('iss.list.q')} value={filter.q} maxLength={200} />
          <Select name="achievement" label={t.t('iss.list.achievement')} options={model.achievements} value={filter.achievement} placeholder={t.t('iss.list.allAchievements')} />
          <Select
            name="state"
            label={t.t('iss.list.state')}
            options={[['active', t.t('common.status.active')], ['suspended', t.t('common.status.suspended')], ['revoked', t.t('common.status.revoked')]]}
            value={filter.state}
            placeholder={t.t('iss.list.allStates')}
          />
          <TextField name="issuedFrom" type="date" label={t.t('iss.list.issuedFrom')} value={filter.issuedFrom} />
          <TextField name="issuedTo" type="date" label={t.t('iss.list.issuedTo')} value={filter.issuedTo} />
          {filter.batch && <input type="hidden" name="batch" value={filter.batch} />}
          <div class="iss-filter-actions">
            <button type="submit" class="button secondary"><Icon name="search" />{t.t('iss.list.search')}</button>
            {filtered && <a href={base}>{t.t('iss.list.showAll')}</a>}
          </div>
        </form>
      </Card>
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      {filter.batch && <p>{t.rich('iss.list.ofBatch', { link: (chunks) => <a href={`/orgs/${org.slug}/batches/${filter.batch}`}>{chunks}</a> })}</p>}
      {model.items.length === 0 ? (
        filtered ? (
          <EmptyState icon="search" title={t.t('iss.list.noMatch')}>{t.t('iss.list.noMatchText')}</EmptyState>
        ) : (
          <EmptyState icon="list" title={t.t('iss.list.emptyTitle')} actions={<a class="button" href={`/orgs/${org.slug}/issue`}>{t.t('iss.list.issue')}</a>}>{t.t('iss.list.emptyText')}</EmptyState>
        )
      ) : (
        <DataTable
          id="credentials"
          caption={t.t('iss.list.caption', { org: org.name })}
          rows={model.items}
          columns={[
            {
              key: 'learner',
              header: t.t('iss.col.learner'),
              rowHeader: true,
              cell: (i) => (
                <span class="cell-main">
                  <span>
                    <a href={`${base}/${uuidOfId(i.id)}`}>{i.recipient.name}</a>
                    <small>{i.recipient.email}</small>
                  </span>
                </span>
              ),
            },
            { key: 'achievement', header: t.t('iss.col.achievement'), cell: (i) => i.achievementName },
            { key: 'state', header: t.t('iss.col.state'), cell: (i) => <StatusPill state={i.state} /> },
            { key: 'issued', header: t.t('iss.col.issuedAt'), cell: (i) => <span class="nowrap">{t.date(i.issuedAt, 'medium')}</span> },
            { key: 'claimed', header: t.t('iss.col.claimed'), cell: (i) => (i.claimedAt ? <span class="nowrap">{t.date(i.claimedAt, 'medium')}</span> : i.declinedAt ? <span class="pill warn">{t.t('wallet.issuer.declined')}</span> : <span class="muted">{t.t('iss.detail.notClaimed')}</span>) },
          ]}
          footer={model.next ? <Pagination next={model.next} /> : undefined}
        />
      )}
    </OrgShell>
  )
}

/** What one credential's page shows. */
export interface CredentialDetailModel {
  org: ShellOrg
  role: RoleName
  view: IssuedView
  canIssue: boolean
  /** What the redirect here said happened (`issued`, `revoke`, `suspend`, `unsuspend`, `resent`). */
  done?: string | undefined
  alert?: string | undefined
  errors?: FieldErrors | undefined
  /** The suspension reason typed before a failed post. */
  reason?: string | undefined
  /** The pushes to learners' hosts made for the credential, newest first. */
  pushes: readonly CredentialPushView[]
  /** A push link just made (shown once). */
  pushLink?: string | undefined
  /** The host typed before a refused push. */
  pushHost?: string | undefined
}

const PUSH_TONE = { pending: 'pill', authorizing: 'pill info', delivered: 'pill ok', failed: 'pill bad' } as const

/** Send the credential to the learner's OB 3.0 host: a push link (shown once after it is made) and the pushes so far. */
function PushCard({ model, base }: { model: CredentialDetailModel; base: string }) {
  const t = useT()
  return (
    <Card title={t.t('oauth.issuerPush.orgTitle')} id="push" headingLevel={2}>
      {model.pushLink ? (
        <Alert kind="ok" title={t.t('oauth.issuerPush.linkTitle')}>
          <p>{t.t('oauth.issuerPush.linkText')}</p>
          <CopyField id="push-link" value={model.pushLink} />
        </Alert>
      ) : (
        <p class="muted">{t.t('oauth.issuerPush.orgText')}</p>
      )}
      <Form action={`${base}/push`}>
        <TextField name="hostUrl" label={t.t('oauth.issuerPush.orgHostLabel')} hint={t.t('oauth.issuerPush.orgHostHint')} markOptional value={model.pushHost} autocomplete="off" inputMode="url" spellcheck={false} maxLength={2000} errors={model.errors} />
        <FormActions>
          <button type="submit" class="button secondary"><Icon name="send" />{t.t('oauth.issuerPush.create')}</button>
        </FormActions>
      </Form>
      {model.pushes.length > 0 && (
        <ul class="push-list" aria-label={t.t('oauth.issuerPush.listTitle')}>
          {model.pushes.map((p) => (
            <li data-push={p.id} data-state={p.state}>
              <span class={PUSH_TONE[p.state]}>{t.t(`oauth.issuerPush.state.${p.state}`)}</span>{' '}
              <span class="small">{p.host ?? t.t('oauth.issuerPush.hostUnknown')}</span>
              <span class="muted small"> · {t.dateTime(p.deliveredAt ?? p.createdAt)}</span>
              {p.state === 'failed' && p.reason && <span class="muted small push-reason">{p.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

const DONE = { issued: 'iss.done.issued', revoke: 'iss.done.revoke', suspend: 'iss.done.suspend', unsuspend: 'iss.done.unsuspend', 'claim-link': 'iss.done.resent', 'claim-link-limited': 'claim.resend.limited' } as const

/** One credential's page. */
export function CredentialDetailView({ model }: { model: CredentialDetailModel }) {
  const t = useT()
  const { org, view, errors } = model
  const base = `/orgs/${org.slug}/credentials/${uuidOfId(view.id)}`
  const done = model.done && model.done in DONE ? t.t(DONE[model.done as keyof typeof DONE]) : undefined
  return (
    <OrgShell org={org} role={model.role} current="credentials">
      <PageHeader
        eyebrow={view.achievementName}
        title={view.recipient.name}
        crumbs={[{ label: t.t('iss.list.title'), href: `/orgs/${org.slug}/credentials` }, { label: view.recipient.name }]}
        actions={
          <>
            <a class="button secondary" href={view.links.page}><Icon name="external" />{t.t('iss.detail.publicPage')}</a>
            <a class="button ghost" href={view.links.document}><Icon name="code" />{t.t('iss.detail.document')}</a>
          </>
        }
      />
      <Flash message={done} />
      {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
      <div class="grid sidebar-right">
        <Card title={t.t('iss.detail.record')} id="record" actions={<StatusPill state={view.state} />}>
          <dl class="facts">
            {view.state !== 'active' && (
              <>
                <dt>{t.t('iss.detail.stateReason')}</dt>
                <dd>
                  {view.stateReason ?? <span class="muted">{t.t('iss.detail.noReason')}</span>}
                  {view.stateChangedAt && <span class="muted"> · {t.dateTime(view.stateChangedAt)}</span>}
                </dd>
              </>
            )}
            <dt>{t.t('iss.detail.learner')}</dt>
            <dd>{view.recipient.name}</dd>
            <dt>{t.t('iss.detail.email')}</dt>
            <dd>{view.recipient.email}</dd>
            <dt>{t.t('iss.detail.achievement')}</dt>
            <dd>{view.achievementName}</dd>
            <dt>{t.t('iss.detail.issued')}</dt>
            <dd>
              {t.dateTime(view.issuedAt)}
              {view.batchId && view.batchRow !== null && (
                <> · {t.rich('iss.detail.fromBatch', { row: view.batchRow, link: (chunks) => <a href={`/orgs/${org.slug}/batches/${view.batchId}`}>{chunks}</a> })}</>
              )}
            </dd>
            <dt>{t.t('iss.detail.claimed')}</dt>
            <dd>{view.claimedAt ? t.dateTime(view.claimedAt) : view.declinedAt ? t.t('wallet.issuer.declinedOn', { date: t.dateTime(view.declinedAt) }) : t.t('iss.detail.notClaimed')}</dd>
            <dt>{t.t('iss.detail.format')}</dt>
            <dd>{t.t(view.format === 'jwt' ? 'iss.detail.formatJwt' : 'iss.detail.formatJson')}</dd>
            <dt>{t.t('iss.detail.id')}</dt>
            <dd><CopyField id="credential-id" value={view.id} /></dd>
          </dl>
        </Card>
        {model.canIssue && (
          <div class="stack iss-aside">
            {!view.claimed && view.state === 'active' && (
              <Card title={t.t('iss.detail.claimTitle')} id="claim" headingLevel={2}>
                <p>{t.t('iss.detail.claimText')}</p>
                <Form action={`${base}/resend-claim`} class="form inline-form">
                  <button type="submit" class="button secondary"><Icon name="mail" />{t.t('iss.detail.resend')}</button>
                </Form>
              </Card>
            )}
            {view.state === 'active' && <PushCard model={model} base={base} />}
            {view.state === 'active' && (
              <Card title={t.t('iss.detail.suspendTitle')} id="suspend">
                <Form action={`${base}/suspend`}>
                  <TextArea name="suspend-reason" label={t.t('iss.detail.reason')} markOptional value={model.reason} maxLength={500} rows={2} hint={t.t('iss.detail.suspendHint')} errors={errors} />
                  <FormActions>
                    <button type="submit" class="button secondary"><Icon name="pause" />{t.t('iss.detail.suspend')}</button>
                  </FormActions>
                </Form>
              </Card>
            )}
            {view.state === 'suspended' && (
              <Card title={t.t('iss.detail.unsuspendTitle')} id="unsuspend">
                <p class="muted">{t.t('iss.detail.unsuspendHint')}</p>
                <Form action={`${base}/unsuspend`}>
                  <FormActions>
                    <button type="submit" class="button secondary"><Icon name="refresh" />{t.t('iss.detail.unsuspend')}</button>
                  </FormActions>
                </Form>
              </Card>
            )}
            {view.state !== 'revoked' && (
              <Card title={t.t('iss.detail.revokeTitle')} id="revoke" class="iss-danger">
                <p class="muted">{t.t('iss.detail.revokeHint')}</p>
                <a class="button danger secondary" href={`${base}/revoke`}><Icon name="x" />{t.t('iss.detail.revokeStart')}</a>
              </Card>
            )}
          </div>
        )}
      </div>
    </OrgShell>
  )
}

/** What the revocation's confirmation step shows. */
export interface RevokeModel {
  org: ShellOrg
  role: RoleName
  view: IssuedView
  reason?: string | undefined
  errors?: FieldErrors | undefined
}

/** The confirmation step: what revoking does, the reason, and the one button that revokes. */
export function RevokeConfirmView({ model }: { model: RevokeModel }) {
  const t = useT()
  const { org, view } = model
  const base = `/orgs/${org.slug}/credentials/${uuidOfId(view.id)}`
  return (
    <OrgShell org={org} role={model.role} current="credentials">
      <PageHeader
        eyebrow={t.t('iss.detail.revokeTitle')}
        title={t.t('iss.revoke.title', { name: view.recipient.name })}
        crumbs={[{ label: t.t('iss.list.title'), href: `/orgs/${org.slug}/credentials` }, { label: view.recipient.name, href: base }, { label: t.t('iss.revoke.crumb') }]}
      />
      <Card class="iss-danger iss-confirm">
        <ErrorSummary errors={model.errors} labels={{ 'revoke-reason': t.t('iss.detail.reason') }} />
        <Alert kind="warn" title={t.t('iss.revoke.warnTitle')}>
          <p>{t.t('iss.revoke.warnText', { achievement: view.achievementName, name: view.recipient.name, email: view.recipient.email })}</p>
        </Alert>
        <Form action={`${base}/revoke`} id="revoke-form">
          <input type="hidden" name="confirm" value="yes" />
          <TextArea name="revoke-reason" label={t.t('iss.detail.reason')} markOptional value={model.reason} maxLength={500} rows={3} hint={t.t('iss.revoke.reasonHint')} errors={model.errors} />
          <FormActions>
            <button type="submit" class="button danger"><Icon name="x" />{t.t('iss.revoke.submit')}</button>
            <a class="button secondary" href={base}>{t.t('iss.revoke.cancel')}</a>
          </FormActions>
        </Form>
      </Card>
    </OrgShell>
  )
}
