// Issue one credential: the achievement (never chosen for the issuer), the learner, and optional
// details (DID, expiry, evidence) folded away; beside it, what happens next and the bulk route.
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { ErrorSummary, Form, FormActions, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { useT } from '../../kit/env.js'
import { achievementOptions, NothingToIssue, type AchievementChoice } from './shared.js'

/** The form's fields, in order. */
export const ISSUE_FIELDS = ['achievement', 'name', 'email', 'did', 'validUntil', 'evidenceUrl', 'evidenceNarrative'] as const
const MORE = ['did', 'validUntil', 'evidenceUrl', 'evidenceNarrative'] as const

/** What the issue form shows. */
export interface IssueModel {
  org: ShellOrg
  role: RoleName
  achievements: readonly AchievementChoice[]
  values: Readonly<Record<string, string>>
  errors?: FieldErrors | undefined
  /** A problem that is no field's (the achievement was unpublished meanwhile, no signing key). */
  alert?: string | undefined
}

/** The page. */
export function IssueView({ model }: { model: IssueModel }) {
  const t = useT()
  const { org, values, errors } = model
  const base = `/orgs/${org.slug}`
  const labels: Record<string, string> = {
    achievement: t.t('iss.issue.achievement'),
    email: t.t('iss.issue.email'),
    name: t.t('iss.issue.name'),
    did: t.t('iss.issue.did'),
    validUntil: t.t('iss.issue.validUntil'),
    evidenceUrl: t.t('iss.issue.evidenceUrl'),
    evidenceNarrative: t.t('iss.issue.evidenceNarrative'),
  }
  const openMore = MORE.some((f) => values[f] || errors?.[f])
  return (
    <OrgShell org={org} role={model.role} current="issue">
      <PageHeader
        eyebrow={t.t('iss.eyebrow')}
        title={t.t('iss.issue.title')}
        lead={t.t('iss.issue.lead')}
        actions={<a class="button secondary" href={`${base}/batches/new`}><Icon name="upload" />{t.t('iss.issue.bulkLink')}</a>}
      />
      {model.achievements.length === 0 ? (
        <NothingToIssue orgSlug={org.slug} />
      ) : (
        <div class="grid sidebar-right">
          <Card class="iss-form-card">
            <ErrorSummary errors={errors} labels={labels} />
            {model.alert && <Alert kind="bad"><p>{model.alert}</p></Alert>}
            <Form action={`${base}/issue`} id="issue-form">
              <div class="stack">
                <Select name="achievement" label={labels['achievement']} required options={achievementOptions(model.achievements)} value={values['achievement']} placeholder={t.t('iss.issue.choose')} errors={errors} />
                <div class="field-row">
                  <TextField name="name" label={labels['name']} required value={values['name']} autocomplete="off" maxLength={200} hint={t.t('iss.issue.nameHint')} errors={errors} />
                  <TextField name="email" label={labels['email']} type="email" required value={values['email']} autocomplete="off" maxLength={254} hint={t.t('iss.issue.emailHint')} errors={errors} />
                </div>
                <details class="disclosure iss-more" open={openMore}>
                  <summary>{t.t('iss.issue.more')}</summary>
                  <div class="stack">
                    <TextField name="did" label={labels['did']} markOptional value={values['did']} autocomplete="off" maxLength={2048} spellcheck={false} hint={t.t('iss.issue.didHint')} errors={errors} />
                    <TextField name="validUntil" label={labels['validUntil']} markOptional type="date" value={values['validUntil']} hint={t.t('iss.issue.validUntilHint')} errors={errors} />
                    <TextField name="evidenceUrl" label={labels['evidenceUrl']} markOptional type="url" value={values['evidenceUrl']} autocomplete="off" maxLength={2048} hint={t.t('iss.issue.evidenceUrlHint')} errors={errors} />
                    <TextArea name="evidenceNarrative" label={labels['evidenceNarrative']} markOptional value={values['evidenceNarrative']} maxLength={10_000} rows={3} errors={errors} />
                  </div>
                </details>
              </div>
              <FormActions>
                <button type="submit" class="button"><Icon name="send" />{t.t('iss.issue.submit')}</button>
              </FormActions>
            </Form>
          </Card>
          <aside class="stack iss-aside" aria-label={t.t('iss.issue.asideLabel')}>
            <Card title={t.t('iss.issue.nextTitle')} headingLevel={2} id="issue-next">
              <ol class="iss-steps">
                <li>{t.t('iss.issue.next1')}</li>
                <li>{t.t('iss.issue.next2')}</li>
                <li>{t.t('iss.issue.next3')}</li>
              </ol>
            </Card>
            <Card title={t.t('iss.issue.manyTitle')} id="issue-many" class="sunken">
              <p>{t.t('iss.issue.manyText')}</p>
              <a href={`${base}/batches/new`}>{t.t('iss.issue.bulkLink')}</a>
            </Card>
          </aside>
        </div>
      )}
    </OrgShell>
  )
}
