// The HTML face of a problem for browser navigations: what went wrong, in the reader's language,
// and what to do next. An anonymous GET that needs a session is sent to sign in and brought back.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Problem } from '../../../http/error-response.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'
import { render, tOf } from '../../kit/render.js'

/** The problem as the page shows it. */
function ProblemView({ problem, title }: { problem: Problem; title: string }) {
  const t = useT()
  const hint =
    problem.status === 404
      ? t.rich('problem.hint.notFound', { link: (chunks) => <a href="/dashboard">{chunks}</a> })
      : problem.code === 'ERR_CSRF'
        ? [t.t('problem.hint.csrf')]
        : problem.status >= 500
          ? [t.t('problem.hint.server')]
          : [t.t('problem.hint.other')]
  return (
    <div class="container page">
      <div class="problem card" data-status={problem.status}>
        <span class={problem.status >= 500 ? 'problem-icon bad' : 'problem-icon'}><Icon name={problem.status === 404 ? 'search' : 'alert'} /></span>
        <h1>{title}</h1>
        <p role="alert" class="lead">{problem.detail}</p>
        <p>{hint}</p>
        <div class="actions">
          <a class="button" href="/">{t.t('problem.home')}</a>
          <a class="button secondary" href="/dashboard">{t.t('problem.dashboard')}</a>
        </div>
        <p class="muted small">{t.rich('problem.code', { code: <code>{problem.code}</code>, status: problem.status })}</p>
      </div>
    </div>
  )
}

/** Renders `problem` as a page (the HtmlProblemRenderer the composition root installs). */
export function htmlProblemPage(c: Context, problem: Problem): Response | Promise<Response> {
  const url = new URL(c.req.url)
  if (problem.status === 401 && c.req.method === 'GET') return c.redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303)
  const t = tOf(c)
  const key = `problem.title.${problem.code.toLowerCase().replace(/_/g, '-')}`
  const title = t.has(key) ? t.t(key) : problem.title
  return render(c, <ProblemView problem={problem} title={title} />, { title, status: problem.status as ContentfulStatusCode })
}
