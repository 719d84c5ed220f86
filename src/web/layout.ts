import { html } from 'hono/html'

/** Who is signed in, for the header's navigation. */
export interface NavUser {
  name: string
  /** The CSRF token the sign-out form echoes. */
  csrfToken: string
}

/** What every page shows in its frame. */
export interface PageFrame {
  /** Page title, shown in the tab and read first by screen readers. */
  title: string
  version: string
  /** The page's main content, already rendered with `html`. */
  main: unknown
  /** The signed-in user, when there is one. */
  user?: NavUser | undefined
  /** Extra tags for <head> (OpenGraph, page scripts), already rendered with `html`. */
  head?: unknown
}

/**
 * The HTML document around a page: language, viewport, skip link, landmarks, navigation.
 * Values interpolated with `html` are escaped; only nested `html` templates pass through.
 */
export const layout = ({ title, version, main, user, head }: PageFrame) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/assets/emblem.css" />
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
    ${head ?? ''}
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header>
      <a class="brand" href="/">Emblem</a>
      <span>open micro-credentials</span>
      <nav aria-label="Main">
        <ul>
          <li><a href="/log">Transparency log</a></li>
          ${user
            ? html`<li><a href="/dashboard">Dashboard</a></li>
                <li><a href="/account">${user.name}</a></li>
                <li>
                  <form method="post" action="/sign-out" class="inline">
                    <input type="hidden" name="_csrf" value="${user.csrfToken}" />
                    <button type="submit" class="link">Sign out</button>
                  </form>
                </li>`
            : html`<li><a href="/sign-in">Sign in</a></li>
                <li><a href="/sign-up">Create an account</a></li>`}
        </ul>
      </nav>
    </header>
    <main id="main">${main}</main>
    <footer>
      <p>Emblem ${version} · <a href="/healthz">Service health</a></p>
    </footer>
  </body>
</html>`
