import type { Context } from 'hono'
import { html } from 'hono/html'
import type { DefinitionIssue } from '../../../app/achievements/definition.js'
import { definitionOf, microCredentialFacts, obAchievement } from '../../../app/achievements/ob-achievement.js'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { renderMarkdown } from '../credential/markdown-lite.js'
import { frameworkName } from './editor-page.js'
import { LABELS, fieldErrorsOf } from './editor-form.js'
import { csrfField } from './fields.js'
import { STATE_PILL } from './list-page.js'

const isHttp = (url: string): boolean => /^https?:\/\//i.test(url)

/** One achievement: its badge, state and every field, with publish / archive / unarchive for admins. */
export function viewPage(
  c: Context,
  { org, role, record, problems, notice }: { org: OrgRef; role: RoleName; record: AchievementRecord; problems?: readonly DefinitionIssue[]; notice?: string },
) {
  const d = definitionOf(record)
  const base = `/orgs/${org.slug}/achievements/${record.id}`
  const canManage = hasRole(role, MIN_ROLE.manage)
  const facts = microCredentialFacts(d)
  const skills = d.alignment ?? []
  const errors = problems ? fieldErrorsOf(problems) : {}
  const stateButton = (action: string, label: string, kind = 'secondary') =>
    html`<form method="post" action="${base}/${action}" class="inline">${csrfField(c)}<button type="submit" class="${kind}">${label}</button></form>`
  return renderPage(c, {
    title: `${record.name} · ${org.name}`,
    status: problems?.length ? 422 : 200,
    main: html`<h1>${record.name}</h1>
      ${orgNav(org, 'achievements')}
      ${notice ? html`<div class="alert ok" role="status"><p>${notice}</p></div>` : ''}
      ${problems?.length
        ? html`<div class="alert bad" role="alert" aria-labelledby="publish-problems">
            <h2 id="publish-problems">It cannot be published yet</h2>
            <ul>${Object.entries(errors).map(([field, message]) => html`<li>${LABELS[field] ?? field}: ${message}</li>`)}</ul>
            <p><a href="${base}/edit">Complete it in the editor</a></p>
          </div>`
        : ''}
      <p>${STATE_PILL[record.state]} · Version ${record.version} · last changed <time datetime="${record.updatedAt}">${record.updatedAt.slice(0, 10)}</time></p>
      ${canManage
        ? html`<div class="actions">
            ${record.state !== 'archived' ? html`<a class="button secondary" href="${base}/edit">Edit</a>` : ''}
            ${record.state === 'draft' ? stateButton('publish', 'Publish', '') : ''}
            ${record.state !== 'archived' ? stateButton('archive', 'Archive') : stateButton('unarchive', 'Unarchive (back to draft)')}
          </div>`
        : ''}
      ${record.state === 'published' && hasRole(role, MIN_ROLE.issue) ? html`<p><a class="button" href="/orgs/${org.slug}/issue?achievement=${record.id}">Issue this achievement</a></p>` : ''}
      <section aria-labelledby="badge-heading">
        <h2 id="badge-heading">Badge</h2>
        ${record.imageId
          ? html`<img class="badge-image" src="/images/${record.imageId}" alt="Badge of ${record.name}" width="160" height="160" />`
          : html`<p class="muted">No badge image yet.</p>`}
        ${canManage && record.state !== 'archived' ? html`<p><a href="${base}/image">${record.imageId ? 'Change the badge image' : 'Design or upload a badge image'}</a></p>` : ''}
      </section>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">About</h2>
        ${d.description ? html`<p>${d.description}</p>` : html`<p class="muted">No description yet (needed to publish).</p>`}
        <dl>
          <dt>Type</dt><dd>${d.achievementType}</dd>
          ${d.fieldOfStudy ? html`<dt>Field of study</dt><dd>${d.fieldOfStudy}</dd>` : ''}
          ${d.humanCode ? html`<dt>Code</dt><dd>${d.humanCode}</dd>` : ''}
          ${d.inLanguage ? html`<dt>Language</dt><dd>${d.inLanguage}</dd>` : ''}
          ${d.creditsAvailable !== undefined ? html`<dt>Credits</dt><dd>${d.creditsAvailable}</dd>` : ''}
          ${d.tag?.length ? html`<dt>Tags</dt><dd>${d.tag.join(', ')}</dd>` : ''}
        </dl>
      </section>
      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Criteria</h2>
        ${d.criteria?.narrative ? renderMarkdown(d.criteria.narrative) : html`<p class="muted">No criteria yet (needed to publish).</p>`}
        ${d.criteria?.id ? html`<p><a href="${d.criteria.id}">Criteria page</a></p>` : ''}
      </section>
      ${d.learningOutcomes?.length || facts.length || d.prerequisites || d.qualityAssurance
        ? html`<section aria-labelledby="eu-heading">
            <h2 id="eu-heading">Micro-credential</h2>
            ${d.learningOutcomes?.length ? html`<h3>Learning outcomes</h3><ul>${d.learningOutcomes.map((o) => html`<li>${o}</li>`)}</ul>` : ''}
            ${facts.length ? html`<dl>${facts.map((f) => html`<dt>${f.slice(0, f.indexOf(':'))}</dt><dd>${f.slice(f.indexOf(':') + 1).trim()}</dd>`)}</dl>` : ''}
            ${d.prerequisites ? html`<h3>Prerequisites</h3>${renderMarkdown(d.prerequisites, 4)}` : ''}
            ${d.qualityAssurance ? html`<h3>Quality assurance</h3>${renderMarkdown(d.qualityAssurance, 4)}` : ''}
          </section>`
        : ''}
      <section aria-labelledby="skills-heading">
        <h2 id="skills-heading">Skills</h2>
        ${skills.length
          ? html`<ul>
              ${skills.map((a) => html`<li>${isHttp(a.targetUrl) ? html`<a href="${a.targetUrl}">${a.targetName}</a>` : a.targetName} <small>${frameworkName(a.targetFramework ?? '')}</small></li>`)}
            </ul>`
          : html`<p class="muted">No skills aligned yet.</p>`}
      </section>
      ${d.resultDescription?.length
        ? html`<section aria-labelledby="results-heading">
            <h2 id="results-heading">Results</h2>
            <table>
              <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Values</th><th scope="col">Required</th></tr></thead>
              <tbody>
                ${d.resultDescription.map(
                  (r) => html`<tr>
                    <th scope="row">${r.name}</th><td>${r.resultType}</td>
                    <td>${r.allowedValue?.join(', ') ?? [r.valueMin, r.valueMax].filter(Boolean).join('–')}</td><td>${r.requiredValue ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : ''}
      <details>
        <summary>Open Badges 3.0 Achievement (JSON, as credentials embed it)</summary>
        <pre><code>${JSON.stringify(obAchievement(record, { publicUrl: c.var.platform.publicUrl, orgSlug: org.slug }), null, 2)}</code></pre>
      </details>`,
  })
}
