import { html } from 'hono/html'

/** The sections of an organization's back office, in the order the navigation shows them. */
export const ORG_SECTIONS = [
  ['dashboard', 'Dashboard'],
  ['achievements', 'Achievements'],
  ['issue', 'Issue'],
  ['batches/new', 'Bulk issue'],
  ['credentials', 'Credentials'],
  ['outbox', 'Outbox'],
  ['settings', 'Settings'],
  ['members', 'Members'],
  ['keys', 'Keys'],
  ['api-keys', 'API keys'],
] as const

export type OrgSection = (typeof ORG_SECTIONS)[number][0]

/** The organization's sub-navigation, marking the current section for screen readers and sight. */
export const orgNav = (org: { slug: string; name: string }, current?: OrgSection) => html`<nav class="subnav" aria-label="${org.name}">
  <ul>
    ${ORG_SECTIONS.map(
      ([path, label]) =>
        html`<li><a href="/orgs/${org.slug}/${path}" ${current === path ? html`aria-current="page"` : ''}>${label}</a></li>`,
    )}
  </ul>
</nav>`
