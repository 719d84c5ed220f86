import type { Context } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Problem } from '../http/error-response.js'
import { renderPage } from './page.js'

/**
 * The HTML face of a problem for browser navigations: a page that says what went wrong and what
 * to do next. An anonymous GET that needs a session is sent to sign in and brought back after.
 */
export function htmlProblemPage(c: Context, problem: Problem): Response | Promise<Response> {
  const url = new URL(c.req.url)
  if (problem.status === 401 && c.req.method === 'GET') return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303)
  const hint =
    problem.status === 404
      ? html`<p>Check the address, or go back to <a href="/dashboard">your dashboard</a>.</p>`
      : problem.code === 'ERR_CSRF'
        ? html`<p>Go back, reload the page and submit the form again.</p>`
        : problem.status >= 500
          ? html`<p>This is our fault. Try again in a moment; if it keeps happening, tell the administrator of this instance.</p>`
          : html`<p>Go back and try again.</p>`
  return renderPage(c, {
    title: problem.title,
    status: problem.status as ContentfulStatusCode,
    main: html`<h1>${problem.title}</h1>
      <p role="alert">${problem.detail}</p>
      ${hint}
      <p class="muted">Error code <code>${problem.code}</code> · HTTP ${problem.status}</p>`,
  })
}
