import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import '../http/context.js'
import { layout, type NavUser } from './layout.js'

/** The version shown in every page's footer; set once by createApp. */
let appVersion = '0.0.0'
export const setPageVersion = (version: string): void => void (appVersion = version)

/** The signed-in user as the header's navigation shows them, or undefined (anonymous, or an API key). */
export function navUserOf(c: Context): NavUser | undefined {
  const actor = c.get('actor')
  return actor?.kind === 'user' ? { name: actor.user.name, csrfToken: actor.csrfToken } : undefined
}

/**
 * Renders a platform page in the layout, with the navigation of whoever is signed in.
 * `main` and `head` must be `html` templates (values inside are escaped).
 * @example return renderPage(c, { title: 'Achievements', main: html`<h1>…</h1>` })
 */
export function renderPage(c: Context, { title, main, head, status = 200 }: { title: string; main: unknown; head?: unknown; status?: ContentfulStatusCode }) {
  const user = navUserOf(c)
  c.header('Cache-Control', 'no-store')
  return c.html(layout({ title: `${title} · Emblem`, version: appVersion, main, user, head }), status)
}
