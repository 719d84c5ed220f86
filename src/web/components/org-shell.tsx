// The frame of an organization's back office: its identity and a navigation of its sections
// (a sidebar on wide screens, a row of scrolling tabs on phones), then the page.
import type { Child } from 'hono/jsx'
import { hasRole, MIN_ROLE, type RoleName } from '../../app/platform/roles.js'
import type { MessageKey } from '../../app/i18n/catalogs.js'
import { useT } from '../kit/env.js'
import { Icon, type IconName } from './icons.js'

/** An organization as its back office shows it. */
export interface ShellOrg {
  slug: string
  name: string
  logoUrl?: string | undefined
  /** The logo's image id, when the page passes the organization's record: the shell then shows it (no page has to). */
  logoImageId?: string | null | undefined
}

/** The sections of the back office, in order: path under /orgs/<slug>/, label, icon, the least role that sees it. */
export const ORG_SECTIONS = [
  ['dashboard', 'common.org.dashboard', 'dashboard', MIN_ROLE.read],
  ['achievements', 'common.org.achievements', 'award', MIN_ROLE.read],
  ['issue', 'common.org.issue', 'send', MIN_ROLE.issue],
  ['batches', 'common.org.batches', 'upload', MIN_ROLE.read],
  ['credentials', 'common.org.credentials', 'list', MIN_ROLE.read],
  ['outbox', 'common.org.outbox', 'mail', MIN_ROLE.manage],
  ['settings', 'common.org.settings', 'settings', MIN_ROLE.read],
  ['members', 'common.org.members', 'users', MIN_ROLE.read],
  ['keys', 'common.org.keys', 'key', MIN_ROLE.read],
  ['api-keys', 'common.org.apiKeys', 'code', MIN_ROLE.manage],
  ['webhooks', 'hook.nav', 'send', MIN_ROLE.manage],
  ['endorsements', 'trust.org.nav', 'sparkle', MIN_ROLE.read],
  ['programs', 'prog.nav.programs', 'book', MIN_ROLE.read],
  ['pathways', 'path.nav', 'layers', MIN_ROLE.read],
  ['reviews', 'prog.nav.reviews', 'inbox', MIN_ROLE.issue],
  ['lti', 'lti.nav', 'link', MIN_ROLE.manage],
] as const satisfies ReadonlyArray<readonly [string, MessageKey, IconName, RoleName]>

/** A section of the back office. */
export type OrgSection = (typeof ORG_SECTIONS)[number][0]

/** The back office frame around an organization page. `current` marks the section in the navigation. */
export function OrgShell({ org, role, current, children }: { org: ShellOrg; role: RoleName; current?: OrgSection | undefined; children?: Child }) {
  const t = useT()
  const logo = org.logoUrl ?? (org.logoImageId ? `/images/${org.logoImageId}` : undefined)
  return (
    <div class="container page">
      <div class="org-shell">
        <aside class="org-sidebar">
          <a class="org-identity" href={`/orgs/${org.slug}`}>
            {logo ? <img src={logo} alt="" width="40" height="40" /> : <span class="org-initial" aria-hidden="true">{Array.from(org.name)[0]?.toUpperCase()}</span>}
            <span>
              <strong>{org.name}</strong>
              <small>{t.t('common.org.publicPage')}</small>
            </span>
          </a>
          <nav class="org-nav" aria-label={t.t('common.org.navLabel', { name: org.name })}>
            <ul>
              {ORG_SECTIONS.filter(([, , , least]) => hasRole(role, least)).map(([path, label, icon]) => (
                <li>
                  <a href={`/orgs/${org.slug}/${path}`} aria-current={current === path ? 'page' : undefined}>
                    <Icon name={icon} />
                    {t.t(label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <div class="org-content">{children}</div>
      </div>
    </div>
  )
}
