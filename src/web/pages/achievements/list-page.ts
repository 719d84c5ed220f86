import type { Context } from 'hono'
import { html } from 'hono/html'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { orgNav } from '../../components/org-nav.js'
import { renderPage } from '../../page.js'
import { selectInput, textInput } from './fields.js'

/** How a state reads, and its pill's colour. */
export const STATE_PILL = {
  draft: html`<span class="pill warn">Draft</span>`,
  published: html`<span class="pill ok">Published</span>`,
  archived: html`<span class="pill">Archived</span>`,
} as const

/** The organization's achievements: filter by state and name, newest first, a page at a time. */
export function listPage(
  c: Context,
  { org, items, nextCursor, state, q, canManage }: { org: OrgRef; items: AchievementRecord[]; nextCursor?: string | undefined; state: string; q: string; canManage: boolean },
) {
  const filtered = state !== '' || q !== ''
  const next = nextCursor ? `?${new URLSearchParams({ ...(state ? { state } : {}), ...(q ? { q } : {}), cursor: nextCursor })}` : undefined
  return renderPage(c, {
    title: `Achievements · ${org.name}`,
    main: html`<h1>Achievements</h1>
      ${orgNav(org, 'achievements')}
      <p class="lead">The micro-credentials ${org.name} awards. Publish one to issue it; archive it to stop issuing it (credentials already issued stay valid).</p>
      ${canManage ? html`<p><a class="button" href="/orgs/${org.slug}/achievements/new">New achievement</a></p>` : ''}
      <form method="get" action="/orgs/${org.slug}/achievements" role="search" aria-label="Filter achievements">
        ${selectInput({ name: 'state', label: 'State', value: state, blank: 'All states', options: [['draft', 'Draft'], ['published', 'Published'], ['archived', 'Archived']] })}
        ${textInput({ name: 'q', label: 'Name contains', type: 'search', value: q, maxlength: 100 })}
        <div class="actions"><button type="submit" class="secondary">Filter</button>${filtered ? html` <a href="/orgs/${org.slug}/achievements">Show all</a>` : ''}</div>
      </form>
      ${items.length === 0
        ? html`<p>${filtered ? 'No achievements match.' : 'No achievements yet.'}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="sr-only">Achievements of ${org.name}</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Version</th><th scope="col">Last changed</th></tr>
              </thead>
              <tbody>
                ${items.map(
                  (a) => html`<tr>
                    <th scope="row"><a href="/orgs/${org.slug}/achievements/${a.id}">${a.name}</a></th>
                    <td>${STATE_PILL[a.state]}</td>
                    <td>${a.version}</td>
                    <td><time datetime="${a.updatedAt}">${a.updatedAt.slice(0, 10)}</time></td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${next ? html`<p><a href="${next}" rel="next">Next page</a></p>` : ''}`,
  })
}
