// /wallet/messages: what employers who found the learner wrote, one conversation per employer,
// with a reply form and a block button. Addresses are never shared.
import type { TalentConversation } from '../../../app/talent/talent-use-cases.js'
import { Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField, FormActions, TextArea } from '../../components/form.js'
import { EmptyState } from '../../components/empty-state.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

export function MessagesView({ model }: { model: { conversations: TalentConversation[]; notice?: string | undefined; errors?: Record<string, string> | undefined } }) {
  const { t } = usePage()
  return (
    <div class="container page talent-messages">
      <PageHeader title={t.t('talent.messages.title')} lead={t.t('talent.messages.lead')} actions={<a class="button secondary" href="/wallet/visibility"><Icon name="eye" />{t.t('talent.visibility.title')}</a>} />
      <Flash message={model.notice} />
      {model.conversations.length === 0 ? (
        <EmptyState icon="inbox" title={t.t('talent.messages.emptyTitle')}>{t.t('talent.messages.emptyBody')}</EmptyState>
      ) : (
        <div class="stack-lg">
          {model.conversations.map((c) => {
            const id = `reply-${c.org.slug}`
            const error = model.errors?.[c.org.slug]
            return (
              <Card title={<>{c.org.name} {c.unread > 0 && <span class="pill warn">{t.t('talent.messages.unread', { count: c.unread })}</span>}</>} id={`conv-${c.org.slug}`}>
                <ol class="talent-thread">
                  {c.messages.map((m) => (
                    <li class={`talent-bubble ${m.sender === 'learner' ? 'mine' : 'theirs'}`}>
                      <p class="talent-bubble-meta"><strong>{m.sender === 'learner' ? t.t('talent.messages.you') : c.org.name}</strong> · <time datetime={m.createdAt}>{t.dateTime(m.createdAt)}</time></p>
                      <p class="talent-bubble-body">{m.body}</p>
                    </li>
                  ))}
                </ol>
                {c.blocked ? (
                  <div class="cluster">
                    <span class="pill bad"><Icon name="x" />{t.t('talent.messages.isBlocked')}</span>
                    <form method="post" action={`/wallet/blocks/${encodeURIComponent(c.org.slug)}/delete`} class="inline-form">
                      <CsrfField />
                      <input type="hidden" name="back" value="/wallet/messages" />
                      <button type="submit" class="button secondary sm" aria-label={t.t('talent.visibility.unblockLabel', { org: c.org.name })}>{t.t('talent.visibility.unblock')}</button>
                    </form>
                  </div>
                ) : (
                  <div class="talent-reply">
                    <form method="post" action={`/wallet/messages/${encodeURIComponent(c.org.slug)}`} class="form" aria-label={t.t('talent.messages.reply')}>
                      <CsrfField />
                      <TextArea name="body" id={id} label={t.t('talent.messages.reply')} rows={3} maxLength={4000} required errors={error ? { body: error } : undefined} />
                      <FormActions>
                        <button type="submit" class="button"><Icon name="send" />{t.t('talent.messages.send')}</button>
                      </FormActions>
                    </form>
                    <form method="post" action={`/wallet/blocks/${encodeURIComponent(c.org.slug)}`} class="inline-form talent-block">
                      <CsrfField />
                      <button type="submit" class="button danger secondary sm" aria-label={t.t('talent.messages.blockLabel', { org: c.org.name })}><Icon name="x" />{t.t('talent.messages.block')}</button>
                    </form>
                  </div>
                )}
              </Card>
            )
          })}
        </div>
      )}
    </div>
  )
}
