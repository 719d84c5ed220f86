// /employers/learners/<handle>: the employer's conversation with one learner and the message form.
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, Form, FormActions, TextArea, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { usePage } from '../../kit/env.js'

export interface ContactModel {
  org: { slug: string; name: string }
  learner: { handle: string; displayName: string }
  messages: { sender: 'employer' | 'learner'; body: string; createdAt: string }[]
  body?: string | undefined
  errors?: FieldErrors | undefined
  notice?: string | undefined
  limited?: boolean | undefined
  canWrite: boolean
}

export function ContactView({ model }: { model: ContactModel }) {
  const { t } = usePage()
  const name = model.learner.displayName
  return (
    <div class="container page talent-contact">
      <p class="back-link"><a href={`/employers/search?org=${encodeURIComponent(model.org.slug)}`}><Icon name="search" />{t.t('talent.contact.back')}</a></p>
      <PageHeader eyebrow={t.t('talent.search.eyebrow', { org: model.org.name })} title={t.t('talent.contact.title', { name })} lead={t.t('talent.contact.lead', { name })} />
      <Flash message={model.notice} />
      {model.limited && <Alert kind="warn">{t.t('talent.contact.limited')}</Alert>}
      <Card>
        {model.messages.length === 0 ? (
          <p class="muted">{t.t('talent.contact.empty')}</p>
        ) : (
          <ol class="talent-thread">
            {model.messages.map((m) => (
              <li class={`talent-bubble ${m.sender === 'employer' ? 'mine' : 'theirs'}`}>
                <p class="talent-bubble-meta"><strong>{m.sender === 'employer' ? t.t('talent.contact.you') : name}</strong> · <time datetime={m.createdAt}>{t.dateTime(m.createdAt)}</time></p>
                <p class="talent-bubble-body">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        {model.canWrite && (
          <>
            <ErrorSummary errors={model.errors} labels={{ body: t.t('talent.contact.body') }} />
            <Form action={`/employers/learners/${model.learner.handle}?org=${encodeURIComponent(model.org.slug)}`} label={t.t('talent.contact.title', { name })}>
              <TextArea name="body" label={t.t('talent.contact.body')} value={model.body} errors={model.errors} rows={5} maxLength={4000} required />
              <FormActions>
                <button type="submit" class="button"><Icon name="send" />{t.t('talent.contact.send')}</button>
              </FormActions>
            </Form>
          </>
        )}
      </Card>
    </div>
  )
}
