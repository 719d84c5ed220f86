// /endorse: a member with the admin role in some organization endorses another organization, or
// one of its published achievements, with a comment (signed as an OB 3.0 EndorsementCredential).
import { ENDORSEMENT_COMMENT_MAX } from '../../../app/endorsements/endorsements-use-cases.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, Form, FormActions, Select, TextArea, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'

export interface EndorseModel {
  subject: { kind: 'organization' | 'achievement'; orgSlug: string; orgName: string; achievementId?: string | undefined; name: string; imageUrl?: string | undefined; description?: string | undefined }
  /** The organizations the user may endorse as (admin or owner), the endorsed one left out. */
  endorsers: readonly { slug: string; name: string }[]
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
}

export function EndorseView({ model }: { model: EndorseModel }) {
  const t = useT()
  const { subject, endorsers, values = {} } = model
  return (
    <div class="container page endorse-page">
      <PageHeader
        crumbs={[{ label: subject.orgName, href: `/orgs/${subject.orgSlug}` }, { label: t.t('trust.endorse.crumb') }]}
        eyebrow={t.t(subject.kind === 'achievement' ? 'trust.endorse.eyebrowAchievement' : 'trust.endorse.eyebrowOrganization')}
        title={t.t('trust.endorse.title', { name: subject.name })}
        lead={t.t('trust.endorse.lead')}
      />
      <div class="grid sidebar-right">
        <Card>
          {endorsers.length === 0 ? (
            <Alert kind="info" title={t.t('trust.endorse.noOrgTitle')}>
              <p>{t.t('trust.endorse.noOrg', { name: subject.orgName })}</p>
            </Alert>
          ) : (
            <>
              <ErrorSummary errors={model.errors} labels={{ endorser: t.t('trust.endorse.endorser'), comment: t.t('trust.endorse.comment'), organization: t.t('trust.endorse.subject'), achievementId: t.t('trust.endorse.subject') }} />
              <Form action="/endorse" id="endorse-form" label={t.t('trust.endorse.formLabel')}>
                <input type="hidden" name="subjectKind" value={subject.kind} />
                <input type="hidden" name="organization" value={subject.orgSlug} />
                {subject.achievementId && <input type="hidden" name="achievementId" value={subject.achievementId} />}
                <Select name="endorser" label={t.t('trust.endorse.endorser')} options={endorsers.map((o) => [o.slug, o.name] as const)} value={values['endorser'] ?? (endorsers.length === 1 ? endorsers[0]!.slug : undefined)} errors={model.errors} required />
                <TextArea name="comment" label={t.t('trust.endorse.comment')} hint={t.t('trust.endorse.commentHint', { max: ENDORSEMENT_COMMENT_MAX })} value={values['comment']} errors={model.errors} rows={5} maxLength={ENDORSEMENT_COMMENT_MAX} required />
                <FormActions>
                  <button type="submit" class="button"><Icon name="award" />{t.t('trust.endorse.submit')}</button>
                  <a class="button secondary" href={`/orgs/${subject.orgSlug}`}>{t.t('trust.endorse.cancel')}</a>
                </FormActions>
              </Form>
            </>
          )}
        </Card>
        <aside aria-label={t.t('trust.endorse.aboutLabel')} class="stack">
          <Card title={t.t('trust.endorse.subject')} id="subject">
            <div class="endorse-subject">
              {subject.imageUrl ? <img src={subject.imageUrl} alt="" width="64" height="64" /> : <span class="org-initial" aria-hidden="true">{Array.from(subject.name)[0]?.toUpperCase()}</span>}
              <div>
                <strong>{subject.name}</strong>
                {subject.kind === 'achievement' && <p class="muted small">{subject.orgName}</p>}
              </div>
            </div>
            {subject.description && <p class="muted small clamp-3">{subject.description}</p>}
          </Card>
          <Card title={t.t('trust.endorse.howTitle')} id="how">
            <p class="small">{t.t('trust.endorse.how')}</p>
          </Card>
        </aside>
      </div>
    </div>
  )
}
