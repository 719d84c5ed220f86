import { html } from 'hono/html'

/** What every page shows in its frame. */
export interface PageFrame {
  /** Page title, shown in the tab and read first by screen readers. */
  title: string
  version: string
  /** The page's main content, already rendered with `html`. */
  main: unknown
}

/**
 * The HTML document around a page: language, viewport, skip link, landmarks.
 * Values interpolated with `html` are escaped; only nested `html` templates pass through.
 */
export const layout = ({ title, version, main }: PageFrame) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="/assets/emblem.css" />
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header>
      <a class="brand" href="/">Emblem</a>
      <span>open micro-credentials</span>
    </header>
    <main id="main">${main}</main>
    <footer>
      <p>Emblem ${version} · <a href="/healthz">Service health</a></p>
    </footer>
  </body>
</html>`
