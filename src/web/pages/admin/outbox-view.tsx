import type { OutboxScope } from '../../../app/mail/instance-outbox.js'
import type { OutboxEntry } from '../../../app/mail/ports.js'
import { usePage } from '../../kit/env.js'
import { Alert } from '../../components/alert.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'

/** One message as the page shows it: the entry and the links of its text. */
export interface OutboxItem {
  entry: OutboxEntry
  links: readonly string[]
}

/** The instance outbox page: a page of messages, newest first. */
export interface InstanceOutboxModel {
  scope: OutboxScope
  smtpConfigured: boolean
  items: readonly OutboxItem[]
  /** The `before` of the next (older) page. */
  next?: string | undefined
}

/** /admin/outbox: the instance's own e-mail for its administrators, each link clickable. */
export function InstanceOutboxView({ model }: { model: InstanceOutboxModel }) {
  const { t } = usePage()
  return (
    <div class="container page admin-outbox">
      <PageHeader eyebrow={t.t('acct.outbox.eyebrow')} title={t.t('acct.outbox.title')} lead={t.t('acct.outbox.lead')} />
      <Alert kind={model.smtpConfigured ? 'info' : 'warn'}>
        <p>{t.t(model.smtpConfigured ? 'acct.outbox.smtp' : 'acct.outbox.noSmtp')}</p>
      </Alert>
      {model.scope === 'own' && (
        <Alert kind="info">
          <p>{t.t('acct.outbox.ownOnly')}</p>
        </Alert>
      )}
      {model.items.length === 0 ? (
        <EmptyState icon="inbox" title={t.t('acct.outbox.empty')}>{t.t('acct.outbox.emptyText')}</EmptyState>
      ) : (
        <ol class="outbox-list">
          {model.items.map(({ entry, links }) => (
            <li class="card outbox-message" id={`message-${entry.id}`}>
              <div class="outbox-head">
                <h2>{entry.subject}</h2>
                <StatusPill state={entry.state} />
              </div>
              <dl class="facts">
                <dt>{t.t('acct.outbox.to')}</dt>
                <dd>{entry.to}</dd>
                <dt>{t.t('acct.outbox.created')}</dt>
                <dd><time datetime={entry.createdAt}>{t.dateTime(entry.createdAt)}</time></dd>
              </dl>
              {links.length > 0 && (
                <div class="outbox-links">
                  <h3>{t.t('acct.outbox.links')}</h3>
                  <ul>
                    {links.map((href) => (
                      <li><a href={href} target="_blank" rel="noopener noreferrer"><Icon name="external" />{href}</a></li>
                    ))}
                  </ul>
                </div>
              )}
              <details class="outbox-text">
                <summary>{t.t('acct.outbox.text')}</summary>
                <pre>{entry.text}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      {model.next && (
        <p class="outbox-more">
          <a class="button secondary" href={`/admin/outbox?before=${encodeURIComponent(model.next)}`}>{t.t('acct.outbox.more')}<Icon name="chevronRight" /></a>
        </p>
      )}
    </div>
  )
}

/** Someone who is not an administrator (403). */
export function NotAdminView() {
  const { t } = usePage()
  return (
    <div class="container page admin-outbox">
      <PageHeader eyebrow={t.t('acct.outbox.eyebrow')} title={t.t('acct.outbox.title')} />
      <Alert kind="bad" title={t.t('acct.outbox.forbiddenTitle')}>
        <p>{t.t('acct.outbox.forbidden')}</p>
      </Alert>
    </div>
  )
}
