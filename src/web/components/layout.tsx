// The document frame every page shares: <head>, the header with navigation and the user menu,
// the footer with the language switcher. Reads everything from the page environment.
import type { Child } from 'hono/jsx'
import { LOCALE_NAMES, LOCALES } from '../../app/i18n/locales.js'
import { usePage } from '../kit/env.js'
import { Icon, Logo } from './icons.js'

/** What a page adds to the frame. */
export interface DocumentProps {
  title: string
  description?: string | undefined
  head?: Child
  /** `app` pages (signed-in work) and `public` ones (home, credential, organization) share the frame; `bare` has no header or footer. */
  chrome?: 'full' | 'bare'
  children?: Child
}

/** The first letters of a name, for avatars ("Ada Lovelace" → "AL"). */
export const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => Array.from(part)[0]!.toUpperCase())
    .join('') || '?'

/** Whether `href` is the current page or a section of it (for aria-current). */
const isCurrent = (path: string, href: string) => path === href || path.startsWith(`${href}/`) || path.startsWith(`${href}?`)

function NavLink({ href, icon, children }: { href: string; icon: Parameters<typeof Icon>[0]['name']; children: Child }) {
  const { path } = usePage()
  return (
    <a class="nav-link" href={href} aria-current={isCurrent(path, href) ? 'page' : undefined}>
      <Icon name={icon} />
      {children}
    </a>
  )
}

function SignOutForm({ class: className }: { class: string }) {
  const { t, csrfToken } = usePage()
  return (
    <form method="post" action="/sign-out" class="inline">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <button type="submit" class={className}>
        <Icon name="signOut" />
        {t.t('common.nav.signOut')}
      </button>
    </form>
  )
}

/** The signed-in user's menu: who they are, their organizations, account, sign out. */
function UserMenu() {
  const { t, user } = usePage()
  if (!user) return null
  return (
    <details class="menu desktop-only">
      <summary class="user-chip">
        <span class="avatar" aria-hidden="true">{initialsOf(user.name)}</span>
        <span><span class="sr-only">{t.t('common.nav.userMenu')} </span>{user.name}</span>
        <Icon name="chevronDown" class="chev" />
      </summary>
      <div class="menu-panel">
        <p class="menu-heading">{user.email}</p>
        <ul>
          <li><a href="/dashboard"><Icon name="dashboard" />{t.t('common.nav.dashboard')}</a></li>
          <li><a href="/wallet"><Icon name="award" />{t.t('wallet.nav')}</a></li>
          <li><a href="/account"><Icon name="user" />{t.t('common.nav.account')}</a></li>
        </ul>
        {user.orgs.length > 0 && (
          <>
            <div class="menu-sep" />
            <p class="menu-heading">{t.t('common.nav.organizations')}</p>
            <ul>
              {user.orgs.map((org) => (
                <li>{org.employer ? <a href={`/employers/search?org=${encodeURIComponent(org.slug)}`}><Icon name="search" />{org.name}</a> : <a href={`/orgs/${org.slug}/dashboard`}><Icon name="building" />{org.name}</a>}</li>
              ))}
            </ul>
          </>
        )}
        <div class="menu-sep" />
        <SignOutForm class="menu-item" />
      </div>
    </details>
  )
}

/** The phone menu: everything the header holds, in one panel. */
function MobileMenu() {
  const { t, user } = usePage()
  return (
    <details class="menu mobile-menu">
      <summary aria-label={t.t('common.nav.menu')}>
        <Icon name="menu" />
      </summary>
      <div class="menu-panel">
        {user && <p class="menu-heading">{user.name} · {user.email}</p>}
        <ul>
          {user && <li><a href="/dashboard"><Icon name="dashboard" />{t.t('common.nav.dashboard')}</a></li>}
          {user && <li><a href="/wallet"><Icon name="award" />{t.t('wallet.nav')}</a></li>}
          {user?.orgs.map((org) => (
            <li>{org.employer ? <a href={`/employers/search?org=${encodeURIComponent(org.slug)}`}><Icon name="search" />{org.name}</a> : <a href={`/orgs/${org.slug}/dashboard`}><Icon name="building" />{org.name}</a>}</li>
          ))}
          <li><a href="/catalog"><Icon name="book" />{t.t('common.nav.catalog')}</a></li>
          <li><a href="/verify"><Icon name="shield" />{t.t('common.nav.verify')}</a></li>
          <li><a href="/log"><Icon name="tree" />{t.t('common.nav.log')}</a></li>
          <li><a href="/api/docs"><Icon name="code" />{t.t('common.nav.api')}</a></li>
          {user ? (
            <li><a href="/account"><Icon name="user" />{t.t('common.nav.account')}</a></li>
          ) : (
            <>
              <li><a href="/sign-in"><Icon name="user" />{t.t('common.nav.signIn')}</a></li>
              <li><a href="/sign-up"><Icon name="plus" />{t.t('common.nav.signUp')}</a></li>
            </>
          )}
        </ul>
        {user && (
          <>
            <div class="menu-sep" />
            <SignOutForm class="menu-item" />
          </>
        )}
      </div>
    </details>
  )
}

/** The site header: brand, main navigation, the user menu or the way in. */
export function AppHeader() {
  const { t, user } = usePage()
  return (
    <header class="app-header">
      <div class="container">
        <a class="brand" href="/" aria-label={t.t('common.brand.home')}>
          <Logo id="header-logo" />
          <span>Emblem</span>
        </a>
        <nav class="main-nav" aria-label={t.t('common.nav.main')}>
          <ul>
            {user && <li><NavLink href="/dashboard" icon="dashboard">{t.t('common.nav.dashboard')}</NavLink></li>}
            {user && <li><NavLink href="/wallet" icon="award">{t.t('wallet.nav')}</NavLink></li>}
            <li><NavLink href="/catalog" icon="book">{t.t('common.nav.catalog')}</NavLink></li>
            <li><NavLink href="/verify" icon="shield">{t.t('common.nav.verify')}</NavLink></li>
            <li><NavLink href="/log" icon="tree">{t.t('common.nav.log')}</NavLink></li>
            <li><NavLink href="/api/docs" icon="code">{t.t('common.nav.api')}</NavLink></li>
          </ul>
        </nav>
        <div class="header-actions">
          {user ? (
            <UserMenu />
          ) : (
            <>
              <a class="button ghost desktop-only" href="/sign-in">{t.t('common.nav.signIn')}</a>
              <a class="button desktop-only" href="/sign-up">{t.t('common.nav.signUp')}</a>
            </>
          )}
          <MobileMenu />
        </div>
      </div>
    </header>
  )
}

/** The language switcher: one button per language, posting the choice (kept in a cookie, and in the account when signed in). */
export function LanguageSwitcher() {
  const { t, locale, csrfToken, path } = usePage()
  return (
    <form method="post" action="/language" aria-label={t.t('common.language.label')}>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="next" value={path} />
      <ul class="language-list">
        {LOCALES.map((l) => (
          <li>
            <button type="submit" class="lang-button" name="locale" value={l} lang={l} aria-current={l === locale ? 'true' : undefined}>
              {LOCALE_NAMES[l]}
            </button>
          </li>
        ))}
      </ul>
    </form>
  )
}

/** The site footer: what Emblem is, where things are, the language, the version. */
export function AppFooter() {
  const { t, version } = usePage()
  return (
    <footer class="app-footer">
      <div class="container">
        <div>
          <p class="brand"><Logo id="footer-logo" size={26} /> Emblem</p>
          <p>{t.t('common.footer.about')}</p>
        </div>
        <nav aria-labelledby="footer-verify">
          <h2 id="footer-verify">{t.t('common.footer.trust')}</h2>
          <ul>
            <li><a href="/verify">{t.t('verify.page.title')}</a></li>
            <li><a href="/log">{t.t('common.nav.log')}</a></li>
            <li><a href="/log/checkpoint">{t.t('common.footer.checkpoint')}</a></li>
            <li><a href="/catalog">{t.t('prog.catalog.title')}</a></li>
            <li><a href="/occupations">{t.t('career.occupations.title')}</a></li>
            <li><a href="/employers/search">{t.t('talent.search.title')}</a></li>
          </ul>
        </nav>
        <nav aria-labelledby="footer-developers">
          <h2 id="footer-developers">{t.t('common.footer.developers')}</h2>
          <ul>
            <li><a href="/api/docs">{t.t('common.nav.api')}</a></li>
            <li><a href="/api/openapi.json">{t.t('common.footer.openapi')}</a></li>
            <li><a href="/healthz">{t.t('common.footer.health')}</a></li>
          </ul>
        </nav>
        <div>
          <h2 id="footer-language">{t.t('common.language.label')}</h2>
          <LanguageSwitcher />
        </div>
      </div>
      <div class="container footer-bottom">
        <span>{t.t('common.footer.standards')}</span>
        <span>{t.t('common.footer.version', { version })}</span>
      </div>
    </footer>
  )
}

/** The whole HTML document. */
export function Document({ title, description, head, chrome = 'full', children }: DocumentProps) {
  const { t, locale, assets } = usePage()
  return (
    <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {description && <meta name="description" content={description} />}
          <meta name="color-scheme" content="light dark" />
          <meta name="theme-color" content="#4f46e5" />
          <link rel="stylesheet" href={assets.css} />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
          <script type="module" src={assets.js} />
          {head}
        </head>
        <body>
          <a class="skip-link" href="#main">{t.t('common.skip')}</a>
          {chrome === 'full' && <AppHeader />}
          <main id="main" tabindex={-1}>
            {children}
          </main>
          {chrome === 'full' && <AppFooter />}
        </body>
      </html>
  )
}
