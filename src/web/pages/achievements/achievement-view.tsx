// One achievement as its issuer sees it: the badge beside its name, state and key facts, then
// criteria, learning outcomes, skills and results; publish / archive / unarchive / edit / design
// for admins, and why it cannot be published yet when that was refused.
import type { DefinitionIssue } from '../../../app/achievements/definition.js'
import { definitionOf, type obAchievement } from '../../../app/achievements/ob-achievement.js'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CsrfField } from '../../components/form.js'
import { Icon, type IconName } from '../../components/icons.js'
import { OrgShell, type ShellOrg } from '../../components/org-shell.js'
import { PageHeader } from '../../components/page-header.js'
import { StatusPill } from '../../components/status-pill.js'
import { useT } from '../../kit/env.js'
import { renderMarkdown } from '../credential/markdown-lite.js'
import { fieldErrorsOf } from './editor-form.js'
import type { VerifiedEndorsement } from '../../../app/endorsements/endorsements-use-cases.js'
import { EndorsementList } from '../trust/endorsement-list.js'
import { fieldLabels, frameworkName } from './labels.js'

/** What the page shows. */
export interface AchievementViewModel {
  org: ShellOrg
  role: RoleName
  record: AchievementRecord
  /** The Open Badges Achievement credentials embed. */
  embedded: ReturnType<typeof obAchievement>
  /** Why publishing was just refused. */
  problems?: readonly DefinitionIssue[] | undefined
  /** Active endorsements of it by other organizations, each verified. */
  endorsements?: readonly VerifiedEndorsement[] | undefined
  /** Public pathways that issue it. */
  pathways?: readonly { id: string; title: string }[] | undefined
}

const isHttp = (url: string): boolean => /^https?:\/\//i.test(url)

/** A state change as a one-button form. */
function StateButton({ action, label, icon, primary = false }: { action: string; label: string; icon: IconName; primary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField />
      <button type="submit" class={primary ? 'button' : 'button secondary'}><Icon name={icon} />{label}</button>
    </form>
  )
}

/** The page. */
export function AchievementView({ model }: { model: AchievementViewModel }) {
  const t = useT()
  const { org, role, record, embedded, problems } = model
  const d = definitionOf(record)
  const base = `/orgs/${org.slug}/achievements/${record.id}`
  const canManage = hasRole(role, MIN_ROLE.manage)
  const editable = canManage && record.state !== 'archived'
  const labels = fieldLabels(t)
  const errors = problems?.length ? fieldErrorsOf(t, problems) : {}
  const facts: Array<[string, string]> = [
    ...(d.workloadHours !== undefined ? [[t.t('ach.field.workloadHours'), t.t('ach.view.hours', { hours: d.workloadHours })] as [string, string]] : []),
    ...(d.ects !== undefined ? [[t.t('ach.field.ects'), t.number(d.ects)] as [string, string]] : []),
    ...(d.creditsAvailable !== undefined ? [[t.t('ach.field.creditsAvailable'), t.number(d.creditsAvailable)] as [string, string]] : []),
    ...(d.eqfLevel !== undefined ? [[t.t('ach.field.eqfLevel'), t.t('ach.eqf.level', { level: d.eqfLevel })] as [string, string]] : []),
    ...(d.assessmentType ? [[t.t('ach.field.assessmentType'), d.assessmentType] as [string, string]] : []),
    ...(d.supervision ? [[t.t('ach.field.supervision'), t.t(`ach.supervision.${d.supervision}`)] as [string, string]] : []),
    ...(d.participation ? [[t.t('ach.field.participation'), t.t(`ach.participation.${d.participation}`)] as [string, string]] : []),
    [t.t('ach.view.expiry'), d.validityMonths ? t.t('ach.view.expiresAfter', { months: d.validityMonths }) : t.t('ach.view.noExpiry')],
    ...(d.stackability ? [[t.t('ach.field.stackability'), t.t(`ach.stackability.${d.stackability}`)] as [string, string]] : []),
    ...(d.inLanguage ? [[t.t('ach.field.inLanguage'), d.inLanguage] as [string, string]] : []),
    ...(d.humanCode ? [[t.t('ach.field.humanCode'), d.humanCode] as [string, string]] : []),
    ...(d.fieldOfStudy ? [[t.t('ach.field.fieldOfStudy'), d.fieldOfStudy] as [string, string]] : []),
  ]
  const skills = d.alignment ?? []
  const actions = (
    <>
      {record.state === 'published' && hasRole(role, MIN_ROLE.issue) && <a class="button" href={`/orgs/${org.slug}/issue?achievement=${record.id}`}><Icon name="send" />{t.t('ach.view.issue')}</a>}
      {editable && <a class="button secondary" href={`${base}/edit`}><Icon name="edit" />{t.t('ach.view.edit')}</a>}
      {canManage && record.state === 'draft' && <StateButton action={`${base}/publish`} label={t.t('ach.view.publish')} icon="check" primary />}
      {canManage && record.state !== 'archived' && <StateButton action={`${base}/archive`} label={t.t('ach.view.archive')} icon="archive" />}
      {canManage && record.state === 'archived' && <StateButton action={`${base}/unarchive`} label={t.t('ach.view.unarchive')} icon="refresh" />}
    </>
  )
  return (
    <OrgShell org={org} role={role} current="achievements">
      <PageHeader
        crumbs={[{ label: t.t('ach.list.title'), href: `/orgs/${org.slug}/achievements` }, { label: record.name }]}
        eyebrow={d.achievementType}
        title={record.name}
        actions={actions}
      />
      {problems?.length ? (
        <Alert kind="bad" title={t.t('ach.view.cannotPublish')} id="publish-problems">
          <ul>
            {Object.entries(errors).map(([field, message]) => <li>{labels[field] ?? field}: {message}</li>)}
          </ul>
          <p class="cluster">
            {!record.imageId && <a href={`${base}/image`}>{t.t('ach.view.designImage')}</a>}
            {Object.keys(errors).some((f) => f !== 'imageId') && <a href={`${base}/edit`}>{t.t('ach.view.completeInEditor')}</a>}
          </p>
        </Alert>
      ) : null}
      <div class="ach-hero card">
        <figure class="ach-hero-badge">
          {record.imageId ? (
            <img src={`/images/${record.imageId}`} alt={t.t('ach.badgeAlt', { name: record.name })} width="176" height="176" />
          ) : (
            <span class="badge-placeholder"><Icon name="image" label={t.t('ach.noImage')} /></span>
          )}
          {editable && (
            <figcaption>
              <a href={`${base}/image`}>{record.imageId ? t.t('ach.view.changeImage') : t.t('ach.view.designImage')}</a>
            </figcaption>
          )}
        </figure>
        <div class="ach-hero-body">
          <p class="cluster">
            <StatusPill state={record.state} />
            <span class="muted">{t.t('ach.view.version', { version: record.version, date: t.date(record.updatedAt) })}</span>
          </p>
          {d.description ? <p class="lead">{d.description}</p> : <p class="muted">{t.t('ach.view.noDescription')}</p>}
          {d.tag?.length ? (
            <ul class="tags" aria-label={t.t('ach.field.tags')}>
              {d.tag.map((tag) => <li class="tag">{tag}</li>)}
            </ul>
          ) : null}
          <dl class="fact-tiles">
            {facts.map(([label, value]) => (
              <div><dt>{label}</dt><dd>{value}</dd></div>
            ))}
          </dl>
        </div>
      </div>
      <div class="grid cols-2 section">
        <Card title={t.t('ach.section.criteria')}>
          <div class="prose">
            {d.criteria?.narrative ? renderMarkdown(d.criteria.narrative) : <p class="muted">{t.t('ach.view.noCriteria')}</p>}
          </div>
          {d.criteria?.id && <p><a href={d.criteria.id}>{t.t('ach.view.criteriaPage')}</a></p>}
        </Card>
        <Card title={t.t('ach.field.learningOutcomes')}>
          {d.learningOutcomes?.length ? <ul class="check-bullets">{d.learningOutcomes.map((o) => <li>{o}</li>)}</ul> : <p class="muted">{t.t('ach.view.noOutcomes')}</p>}
        </Card>
      </div>
      <Card title={t.t('ach.section.skills')} class="section">
        {skills.length ? (
          <ul class="skill-list">
            {skills.map((a) => (
              <li>
                {isHttp(a.targetUrl) ? <a href={a.targetUrl}>{a.targetName}</a> : <span>{a.targetName}</span>}
                {a.targetFramework && <span class="tag">{frameworkName(a.targetFramework)}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t.t('ach.view.noSkills')}</p>
        )}
      </Card>
      {(d.prerequisites || d.qualityAssurance || d.stackableTowards) && (
        <Card title={t.t('ach.section.more')} class="section">
          <dl class="facts">
            {d.prerequisites && <><dt>{t.t('ach.field.prerequisites')}</dt><dd>{renderMarkdown(d.prerequisites, 4)}</dd></>}
            {d.qualityAssurance && <><dt>{t.t('ach.field.qualityAssurance')}</dt><dd>{renderMarkdown(d.qualityAssurance, 4)}</dd></>}
            {d.stackableTowards && <><dt>{t.t('ach.field.stackableTowards')}</dt><dd>{d.stackableTowards}</dd></>}
          </dl>
        </Card>
      )}
      {d.resultDescription?.length ? (
        <Card title={t.t('ach.section.results')} class="section">
          <div class="table-wrap" tabindex={0} role="region" aria-label={t.t('ach.section.results')}>
            <table>
              <thead>
                <tr><th scope="col">{t.t('ach.result.name')}</th><th scope="col">{t.t('ach.result.kind')}</th><th scope="col">{t.t('ach.result.values')}</th><th scope="col">{t.t('ach.result.required')}</th></tr>
              </thead>
              <tbody>
                {d.resultDescription.map((r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td>{r.resultType}</td>
                    <td>{r.allowedValue?.join(', ') ?? [r.valueMin, r.valueMax].filter(Boolean).join('–')}</td>
                    <td>{r.requiredValue ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
      {model.pathways && model.pathways.length > 0 && (
        <Card title={t.t('path.achievement.pathways')} id="pathways" class="section">
          <ul class="path-part-list">
            {model.pathways.map((p) => <li><a href={`/pathways/${p.id}`}><Icon name="layers" />{p.title}</a></li>)}
          </ul>
        </Card>
      )}
      {model.endorsements && model.endorsements.length > 0 && (
        <Card title={t.t('trust.achievement.title')} id="endorsements" class="section" note={t.t('trust.credential.note', { count: model.endorsements.length })}>
          <EndorsementList endorsements={model.endorsements} showSubject={false} />
        </Card>
      )}
      <p class="section elm-export">
        <a class="button secondary" href={`/api/v1/orgs/${org.slug}/achievements/${record.id}/elm`} download data-download="elm"><Icon name="download" />{t.t('clr.achievement.elm')}</a>
        <span class="muted small">{t.t('clr.achievement.elmHint')}</span>
      </p>
      <details class="disclosure section">
        <summary>{t.t('ach.view.json')}</summary>
        <div><pre><code>{JSON.stringify(embedded, null, 2)}</code></pre></div>
      </details>
    </OrgShell>
  )
}
