// The organization's outgoing e-mail: the list, and one message as the learner sees it (its HTML
// version in a sandboxed frame served with a strict CSP of its own, links opening in a new tab) with
// the plain-text version beside it, its links clickable.
import type { OutboxEntry } from '../../../app/mail/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { DataTable, Pagination } from '../../components/table.js'
import { useT } from '../../kit/env.js'

/** What the outbox list shows. */
export interface OutboxModel {
  org: ShellOrg
  role: RoleName
  items: readonly OutboxEntry[]
  smtpConfigured: boolean
  next?: string | undefined
}

/** The list. */
export function OutboxView({ model }: { model: OutboxModel }) {
  const t = useT()
  const { org } = model
  const base = `/orgs/${org.slug}/outbox`
  return (
    <OrgShell org={org} role={model.role} current="outbox">
      <PageHeader eyebrow={t.t('iss.eyebrow')} title={t.t('iss.outbox.title')} lead={t.t(model.smtpConfigured ? 'iss.outbox.leadSmtp' : 'iss.outbox.leadHeld')} />
      {!model.smtpConfigured && <Alert kind="info"><p>{t.t('iss.outbox.heldNote')}</p></Alert>}
      {model.items.length === 0 ? (
        <EmptyState icon="mail" title={t.t('iss.outbox.emptyTitle')}>{t.t('iss.outbox.emptyText')}</EmptyState>
      ) : (
        <DataTable
          id="outbox"
          caption={t.t('iss.outbox.caption', { org: org.name })}
          rows={model.items}
          columns={[
            { key: 'subject', header: t.t('iss.col.subject'), rowHeader: true, cell: (m) => <a href={`${base}/${m.id}`}>{m.subject}</a> },
            { key: 'to', header: t.t('iss.col.to'), cell: (m) => m.to },
            { key: 'state', header: t.t('iss.col.state'), cell: (m) => <StatusPill state={m.state} /> },
            { key: 'created', header: t.t('iss.col.created'), cell: (m) => <span class="nowrap">{t.dateTime(m.createdAt)}</span> },
          ]}
          footer={model.next ? <Pagination next={model.next} /> : undefined}
        />
      )}
    </OrgShell>
  )
}

/** Plain text with its web links made clickable (opening in a new tab). */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"')\]]+)/g)
  return <>{parts.map((part, i) => (i % 2 === 1 ? <a href={part} target="_blank" rel="noopener noreferrer">{part}</a> : part))}</>
}

/** What one message's page shows. */
export interface OutboxMessageModel {
  org: ShellOrg
  role: RoleName
  message: OutboxEntry
}

/** One message. */
export function OutboxMessageView({ model }: { model: OutboxMessageModel }) {
  const t = useT()
  const { org, message } = model
  const base = `/orgs/${org.slug}/outbox`
  return (
    <OrgShell org={org} role={model.role} current="outbox">
      <PageHeader
        eyebrow={t.t('iss.outbox.message')}
        title={message.subject}
        crumbs={[{ label: t.t('iss.outbox.title'), href: base }, { label: message.subject }]}
      />
      <Card class="iss-mail-meta">
        <dl class="facts">
          <dt>{t.t('iss.outbox.to')}</dt>
          <dd>{message.to}</dd>
          <dt>{t.t('iss.outbox.from')}</dt>
          <dd>{message.fromName}</dd>
          <dt>{t.t('iss.outbox.state')}</dt>
          <dd>
            <StatusPill state={message.state} />
            {message.sentAt && <span class="muted"> {t.dateTime(message.sentAt)}</span>}
            {message.lastError && <span class="muted"> · {message.lastError}</span>}
          </dd>
          <dt>{t.t('iss.outbox.created')}</dt>
          <dd>{t.dateTime(message.createdAt)}</dd>
        </dl>
      </Card>
      <section class="section" aria-labelledby="mail-html">
        <div class="spread">
          <h2 id="mail-html">{t.t('iss.outbox.htmlTitle')}</h2>
          <a class="button secondary sm" href={`${base}/${message.id}/html`} target="_blank" rel="noopener"><Icon name="external" />{t.t('iss.outbox.openHtml')}</a>
        </div>
        <iframe class="iss-mail-frame" src={`${base}/${message.id}/html`} sandbox="allow-popups allow-popups-to-escape-sandbox" title={t.t('iss.outbox.frameTitle', { subject: message.subject })} loading="lazy" referrerpolicy="no-referrer" />
      </section>
      <section class="section" aria-labelledby="mail-text">
        <h2 id="mail-text">{t.t('iss.outbox.textTitle')}</h2>
        <pre class="iss-mail-text" tabindex={0} aria-labelledby="mail-text"><LinkedText text={message.text} /></pre>
      </section>
      <p class="iss-back"><a href={base}><Icon name="chevronLeft" />{t.t('iss.outbox.back')}</a></p>
    </OrgShell>
  )
}
