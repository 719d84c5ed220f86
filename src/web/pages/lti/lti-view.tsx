// The LTI 1.3 tool's pages: an organization's platform registrations with the tool's configuration
// (admins); the course page after a launch (instructors map achievements and sync grades, learners
// see their status); the deep-linking picker and the signed response posted back to the platform;
// a refused launch.
import type { LtiCourseView, LtiToolConfig } from '../../../app/lti/lti-use-cases.js'
import type { LtiPlatformRecord } from '../../../app/lti/ports.js'
import type { RoleName } from '../../../app/platform/roles.js'
import type { MessageKey } from '../../../app/i18n/catalogs.js'
import { Alert, Flash } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { EmptyState } from '../../components/empty-state.js'
import { CsrfField, ErrorSummary, Form, FormActions, Select, TextArea, TextField, type FieldErrors } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { DataTable } from '../../components/table.js'
import { useT } from '../../kit/env.js'

const PLATFORM_FIELDS = ['name', 'issuer', 'clientId', 'authLoginUrl', 'tokenUrl', 'jwksUrl', 'deploymentIds'] as const

/** The tool's URLs to copy into the platform. */
function ToolConfig({ config }: { config: LtiToolConfig }) {
  const t = useT()
  const rows: [string, string, string][] = [
    ['lti-login', t.t('lti.config.login'), config.loginUrl],
    ['lti-launch', t.t('lti.config.launch'), config.launchUrl],
    ['lti-deep-link', t.t('lti.config.deepLink'), config.deepLinkUrl],
    ['lti-jwks', t.t('lti.config.jwks'), config.jwksUrl],
  ]
  return (
    <Card title={t.t('lti.config.title')} note={t.t('lti.config.note')} id="lti-tool-config">
      <dl class="lti-config">
        {rows.map(([id, label, value]) => (
          <div class="field">
            <dt><label for={id}>{label}</label></dt>
            <dd><CopyField value={value} id={id} /></dd>
          </div>
        ))}
      </dl>
      <p class="muted small">{t.t('lti.config.services')}</p>
    </Card>
  )
}

export interface LtiPlatformsModel {
  shell: ShellOrg
  role: RoleName
  platforms: readonly LtiPlatformRecord[]
  courses: number
  config: LtiToolConfig
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
}

/** /orgs/:org/lti */
export function LtiPlatformsView({ model }: { model: LtiPlatformsModel }) {
  const t = useT()
  const { shell, role, platforms, values = {}, errors } = model
  const base = `/orgs/${shell.slug}/lti`
  const labels = Object.fromEntries(PLATFORM_FIELDS.map((f) => [f, t.t(`lti.field.${f}`)]))
  return (
    <OrgShell org={shell} role={role} current="lti">
      <PageHeader eyebrow={shell.name} title={t.t('lti.platforms.title')} lead={t.t('lti.platforms.lead')} />
      <Flash message={model.done === 'created' ? t.t('lti.done.created') : model.done === 'deleted' ? t.t('lti.done.deleted') : undefined} />
      <ErrorSummary errors={errors} labels={labels} />
      <div class="stack-lg">
        <ToolConfig config={model.config} />
        <section aria-labelledby="lti-platforms-title" class="stack">
          <h2 id="lti-platforms-title">{t.t('lti.platforms.listTitle')}</h2>
          {platforms.length === 0 ? (
            <EmptyState icon="link" title={t.t('lti.platforms.empty')} headingLevel={3}>{t.t('lti.platforms.emptyText')}</EmptyState>
          ) : (
            <DataTable
              id="lti-platforms"
              caption={t.t('lti.platforms.caption', { count: model.courses })}
              rows={platforms}
              columns={[
                { key: 'name', header: t.t('lti.field.name'), rowHeader: true, cell: (p) => <span class="lti-person"><strong>{p.name}</strong><code>{p.issuer}</code></span> },
                { key: 'client', header: t.t('lti.field.clientId'), cell: (p) => <code>{p.clientId}</code> },
                { key: 'deployments', header: t.t('lti.field.deploymentIds'), cell: (p) => <span class="hook-tags">{p.deploymentIds.map((d) => <span class="tag"><code>{d}</code></span>)}</span> },
                {
                  key: 'actions',
                  header: t.t('lti.platforms.actions'),
                  cell: (p) => (
                    <form method="post" action={`${base}/${p.id}/delete`} class="inline-form">
                      <CsrfField />
                      <button type="submit" class="button danger small"><Icon name="trash" />{t.t('lti.platforms.remove', { name: p.name })}</button>
                    </form>
                  ),
                },
              ]}
            />
          )}
        </section>
        <Card title={t.t('lti.platforms.addTitle')} note={t.t('lti.platforms.addNote')} id="lti-add">
          <Form action={base} label={t.t('lti.platforms.addTitle')}>
            <TextField name="name" label={labels['name']} hint={t.t('lti.field.nameHint')} value={values['name']} maxLength={200} markOptional errors={errors} />
            <TextField name="issuer" type="url" label={labels['issuer']} hint={t.t('lti.field.issuerHint')} value={values['issuer']} maxLength={2000} required errors={errors} />
            <TextField name="clientId" label={labels['clientId']} value={values['clientId']} maxLength={500} required errors={errors} />
            <TextField name="authLoginUrl" type="url" label={labels['authLoginUrl']} value={values['authLoginUrl']} maxLength={2000} required errors={errors} />
            <TextField name="tokenUrl" type="url" label={labels['tokenUrl']} value={values['tokenUrl']} maxLength={2000} required errors={errors} />
            <TextField name="jwksUrl" type="url" label={labels['jwksUrl']} value={values['jwksUrl']} maxLength={2000} required errors={errors} />
            <TextArea name="deploymentIds" label={labels['deploymentIds']} hint={t.t('lti.field.deploymentIdsHint')} value={values['deploymentIds']} rows={2} required errors={errors} />
            <FormActions>
              <button type="submit" class="button"><Icon name="plus" />{t.t('lti.platforms.add')}</button>
            </FormActions>
          </Form>
        </Card>
      </div>
    </OrgShell>
  )
}

/** The course page's model: the course, and whether the viewer is an instructor. */
export interface LtiCourseModel {
  course: LtiCourseView
  role: 'instructor' | 'learner' | 'other'
  name: string | null
  values?: Readonly<Record<string, string>> | undefined
  errors?: FieldErrors | undefined
  done?: string | undefined
  syncError?: string | undefined
}

/** /lti/course: the course after a launch. */
export function LtiCourseView({ model }: { model: LtiCourseModel }) {
  const t = useT()
  const { course, role, values = {}, errors } = model
  const instructor = role === 'instructor'
  const names = new Map(course.mappings.map((m) => [m.achievementId, m.achievementName]))
  const ruleText = (m: LtiCourseView['mappings'][number]) => (m.rule === 'grade' ? t.t('lti.rule.gradeAtLeast', { threshold: m.threshold ?? 0 }) : t.t('lti.rule.completion'))
  return (
    <div class="container page lti-page stack-lg lti-course">
      <PageHeader
        eyebrow={`${course.orgName} · ${course.platform.name}`}
        title={course.context.title}
        lead={course.context.label ? t.t('lti.course.lead', { label: course.context.label }) : undefined}
        actions={<span class="pill info"><Icon name={instructor ? 'users' : 'user'} />{t.t(`lti.role.${role}`)}{model.name ? ` · ${model.name}` : ''}</span>}
      />
      <Flash message={model.done ? t.t(`lti.done.${model.done === 'mapped' || model.done === 'unmapped' ? model.done : 'synced'}`, { count: Number(values['issued'] ?? 0) }) : undefined} />
      {model.syncError && <Alert kind="bad" title={t.t('lti.sync.failed')}>{model.syncError}</Alert>}
      <ErrorSummary errors={errors} labels={{ achievementId: t.t('lti.map.achievement'), rule: t.t('lti.map.rule'), threshold: t.t('lti.map.threshold') }} />
      <section class="stack" aria-labelledby="lti-mapped">
        <h2 id="lti-mapped">{t.t('lti.course.mapped')}</h2>
        {course.mappings.length === 0 ? (
          <EmptyState icon="award" title={t.t('lti.course.noMappings')} headingLevel={3}>{instructor ? t.t('lti.course.noMappingsInstructor') : t.t('lti.course.noMappingsLearner')}</EmptyState>
        ) : (
          <ul class="lti-mappings stack-sm" role="list">
            {course.mappings.map((m) => (
              <li class="card lti-mapping">
                <span class="cluster">
                  <Icon name="award" />
                  <strong>{m.achievementName}</strong>
                  <span class="tag">{ruleText(m)}</span>
                </span>
                {instructor && (
                  <form method="post" action={`/lti/course/mappings/${m.id}/delete`} class="inline-form">
                    <CsrfField />
                    <button type="submit" class="button secondary small"><Icon name="trash" />{t.t('lti.map.remove', { name: m.achievementName })}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {instructor && (
        <Card title={t.t('lti.map.title')} note={t.t('lti.map.note')} id="lti-map">
          {course.achievements.length === 0 ? (
            <p class="muted">{t.t('lti.map.noAchievements')}</p>
          ) : (
            <Form action="/lti/course/mappings" label={t.t('lti.map.title')}>
              <Select name="achievementId" label={t.t('lti.map.achievement')} options={course.achievements.map((a) => [a.id, a.name] as const)} value={values['achievementId']} required errors={errors} />
              <Select name="rule" label={t.t('lti.map.rule')} options={[['completion', t.t('lti.rule.completion')], ['grade', t.t('lti.rule.grade')]]} value={values['rule'] ?? 'grade'} required errors={errors} />
              <TextField name="threshold" type="number" label={t.t('lti.map.threshold')} hint={t.t('lti.map.thresholdHint')} value={values['threshold'] ?? '60'} min={0} max={100} step="any" inputMode="decimal" errors={errors} />
              <FormActions>
                <button type="submit" class="button"><Icon name="plus" />{t.t('lti.map.add')}</button>
              </FormActions>
            </Form>
          )}
        </Card>
      )}
      <section class="stack" aria-labelledby="lti-people">
        <div class="spread lti-people">
          <h2 id="lti-people">{instructor ? t.t('lti.course.people') : t.t('lti.course.yourStatus')}</h2>
          {instructor && (
            <form method="post" action="/lti/course/sync" class="inline-form">
              <CsrfField />
              <button type="submit" class="button secondary"><Icon name="refresh" />{t.t('lti.sync.now')}</button>
            </form>
          )}
        </div>
        {instructor && <p class="muted small">{course.context.lastSyncAt ? t.t('lti.sync.last', { at: t.dateTime(course.context.lastSyncAt) }) : t.t('lti.sync.never')}</p>}
        {course.members.length === 0 ? <p class="muted">{t.t('lti.course.noPeople')}</p> : <DataTable
          id="lti-members"
          caption={t.t('lti.course.peopleCaption')}
          rows={course.members}
          columns={[
            { key: 'name', header: t.t('lti.course.person'), rowHeader: true, cell: (m) => <span class="lti-person"><span>{m.name ?? t.t('lti.course.unnamed')}</span>{m.email && <span class="muted small">{m.email}</span>}</span> },
            { key: 'role', header: t.t('lti.course.role'), cell: (m) => t.t(`lti.role.${m.role}`) },
            {
              key: 'status',
              header: t.t('lti.course.status'),
              cell: (m) =>
                m.awards.length > 0 ? (
                  <span class="cluster">{m.awards.map((a) => <a class="pill ok" href={`/credentials/${a.credentialId}`}><Icon name="check" />{names.get(a.achievementId) ?? t.t('lti.course.earned')}</a>)}</span>
                ) : (
                  <span class="pill"><Icon name="clock" />{m.role === 'learner' ? t.t('lti.course.notYet') : t.t('lti.course.notApplicable')}</span>
                ),
            },
          ]}
        />}
      </section>
    </div>
  )
}

/** /lti/deep-link: the instructor picks the achievement to place in the course. */
export function LtiDeepLinkView({ model }: { model: { course: LtiCourseView; errors?: FieldErrors | undefined } }) {
  const t = useT()
  const { course } = model
  return (
    <div class="container page lti-page stack-lg">
      <PageHeader eyebrow={`${course.orgName} · ${course.platform.name}`} title={t.t('lti.deepLink.title')} lead={t.t('lti.deepLink.lead', { course: course.context.title })} />
      <ErrorSummary errors={model.errors} labels={{ achievementId: t.t('lti.map.achievement') }} />
      {course.achievements.length === 0 ? (
        <EmptyState icon="award" title={t.t('lti.map.noAchievements')} headingLevel={2}>{t.t('lti.deepLink.none')}</EmptyState>
      ) : (
        <Form action="/lti/deep-link" label={t.t('lti.deepLink.title')}>
          <Select name="achievementId" label={t.t('lti.map.achievement')} options={course.achievements.map((a) => [a.id, a.name] as const)} required errors={model.errors} />
          <FormActions>
            <button type="submit" class="button"><Icon name="link" />{t.t('lti.deepLink.place')}</button>
          </FormActions>
        </Form>
      )}
    </div>
  )
}

/** The signed deep-linking response, posted back to the platform (the button; the page's script submits it at once). */
export function LtiDeepLinkReturnView({ returnUrl, jwt }: { returnUrl: string; jwt: string }) {
  const t = useT()
  return (
    <div class="container page lti-page stack">
      <PageHeader title={t.t('lti.deepLink.returnTitle')} lead={t.t('lti.deepLink.returnLead')} />
      <form method="post" action={returnUrl} id="lti-deep-link-return" data-autopost="">
        <input type="hidden" name="JWT" value={jwt} />
        <button type="submit" class="button"><Icon name="arrowRight" />{t.t('lti.deepLink.return')}</button>
      </form>
    </div>
  )
}

/** A refused login or launch. */
export function LtiRefusedView({ reason, detail }: { reason: string; detail: string }) {
  const t = useT()
  const key = `lti.error.${reason.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase())}`
  return (
    <div class="container page lti-page stack">
      <PageHeader title={t.t('lti.error.title')} />
      <Alert kind="bad" title={t.has(key) ? t.t(key as MessageKey) : t.t('lti.error.invalidToken')}>
        <p>{detail}</p>
      </Alert>
      <p>{t.t('lti.error.help')}</p>
    </div>
  )
}
