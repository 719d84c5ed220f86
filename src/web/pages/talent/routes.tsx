import { Hono, type Context } from 'hono'
import { RateLimitedError } from '../../../app/accounts/errors.js'
import { InputError } from '../../../app/platform/input-error.js'
import { hasRole, MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readFormAll } from '../../../http/request.js'
import { EmptyState } from '../../components/empty-state.js'
import { PageHeader } from '../../components/page-header.js'
import { render, tOf } from '../../kit/render.js'
import { ContactView } from './contact-view.js'
import { MessagesView } from './messages-view.js'
import { NewEmployerView, type NewEmployerValues } from './new-employer-view.js'
import { talentErrorsOf } from './parts.js'
import { SearchView, type SearchValues } from './search-view.js'
import { VisibilityView } from './visibility-view.js'

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()

/** The employer organization a page acts for (`?org=`, else the user's first), with the user's role; undefined when they have none. */
async function employerOf(c: Context) {
  const user = requireUser(c)
  const orgs = await c.get('platform').talent.employerOrgs(user.id)
  const slug = c.req.query('org') || orgs[0]?.slug
  if (!slug) return undefined
  const access = await requireOrg(c, slug.slice(0, 100), MIN_ROLE.read)
  await c.get('platform').talent.requireEmployer(access.org.id)
  return { ...access, orgs, canWrite: hasRole(access.role, MIN_ROLE.issue) }
}

/** The search form's values from the query string. */
function valuesOf(c: Context): SearchValues {
  const q = (name: string) => (c.req.query(name) ?? '').trim()
  const skills = [...(c.req.queries('skill') ?? []), ...q('skills').split(/\r?\n/)].map((s) => s.trim()).filter(Boolean)
  return { skills: skills.join('\n'), match: q('match'), atLeast: q('atLeast'), issuer: q('issuer'), eqfMin: q('eqfMin'), withinMonths: q('withinMonths'), country: q('country'), location: q('location') }
}

/** The search input of form values (empty fields absent). */
function inputOf(v: SearchValues, page: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { skills: v.skills.split('\n').filter(Boolean) }
  for (const k of ['match', 'atLeast', 'issuer', 'eqfMin', 'withinMonths', 'country', 'location'] as const) if (v[k]) out[k] = v[k]
  if (k0(page)) out['page'] = page
  return out
}
const k0 = (v: string | undefined): v is string => v !== undefined && v !== ''

const NOTICES = { saved: 'talent.saved.saved', deleted: 'talent.saved.deleted', sent: 'talent.contact.sent', optin: 'talent.visibility.saved', withdrawn: 'talent.visibility.withdrawn', replied: 'talent.messages.sent', unblocked: 'talent.messages.unblocked' } as const
const noticeOf = (c: Context, extra?: string): string | undefined => {
  const key = NOTICES[(c.req.query('done') ?? '') as keyof typeof NOTICES]
  return key ? tOf(c).t(key) : extra
}

async function visibilityPage(c: Context, userId: string, extra: { values?: { location: string; country: string }; errors?: Record<string, string>; status?: 200 | 422 } = {}) {
  const visibility = await c.get('platform').talent.visibility(userId)
  return render(c, <VisibilityView model={{ visibility, values: extra.values, errors: extra.errors, notice: noticeOf(c) }} />, { title: tOf(c).t('talent.visibility.title'), status: extra.status ?? 200 })
}

async function messagesPage(c: Context, userId: string, extra: { errors?: Record<string, string>; status?: 200 | 403 | 404 | 422 | 429; notice?: string } = {}) {
  const conversations = await c.get('platform').talent.messages(userId)
  return render(c, <MessagesView model={{ conversations, notice: extra.notice ?? noticeOf(c), errors: extra.errors }} />, { title: tOf(c).t('talent.messages.title'), status: extra.status ?? 200 })
}

/** Employers' pages (/employers/…) and the learner's /wallet/visibility and /wallet/messages. */
export const talentPages = (): Hono =>
  new Hono()
    .get('/employers/new', (c) => {
      requireUser(c)
      return render(c, <NewEmployerView />, { title: tOf(c).t('talent.new.title') })
    })
    .post('/employers/new', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      const values: NewEmployerValues = { name: one(form['name']), country: one(form['country']), url: one(form['url']) }
      try {
        const org = await c.get('platform').talent.createEmployer(userId, { name: values.name, ...(values.country ? { country: values.country } : {}), ...(values.url ? { url: values.url } : {}) })
        return c.redirect(`/employers/search?org=${encodeURIComponent(org.slug)}`, 303)
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        const errors = talentErrorsOf(tOf(c), err.issues.map((i) => (i.path === 'slug' ? { ...i, path: 'name' } : i)))
        return render(c, <NewEmployerView values={values} errors={errors} />, { title: tOf(c).t('talent.new.title'), status: err.code === 'ERR_CONFLICT' ? 409 : 422 })
      }
    })
    .get('/employers/search', async (c) => {
      const t = tOf(c)
      const access = await employerOf(c)
      if (!access)
        return render(
          c,
          <div class="container page">
            <PageHeader title={t.t('talent.search.title')} />
            <EmptyState icon="building" title={t.t('talent.none.title')} actions={<a class="button" href="/employers/new">{t.t('talent.none.create')}</a>}>{t.t('talent.none.body')}</EmptyState>
          </div>,
          { title: t.t('talent.search.title') },
        )
      const talent = c.get('platform').talent
      const saved = await talent.savedSearches(access.org.id)
      const base = { org: { slug: access.org.slug, name: access.org.name }, orgs: access.orgs, saved, canWrite: access.canWrite, notice: noticeOf(c) }
      const savedId = c.req.query('saved')
      if (savedId) {
        const { saved: s, results } = await talent.runSaved(access.org.id, savedId, Number(c.req.query('page') ?? 1))
        const values: SearchValues = { skills: s.search.skills.join('\n'), match: s.search.match, atLeast: String(s.search.atLeast ?? ''), issuer: s.search.issuer ?? '', eqfMin: String(s.search.eqfMin ?? ''), withinMonths: String(s.search.withinMonths ?? ''), country: s.search.country ?? '', location: s.search.location ?? '' }
        return render(c, <SearchView model={{ ...base, values, results, savedName: s.name }} />, { title: t.t('talent.search.title') })
      }
      const values = valuesOf(c)
      if (!values.skills) return render(c, <SearchView model={{ ...base, values }} />, { title: t.t('talent.search.title') })
      try {
        const results = await talent.search(access.org.id, inputOf(values, c.req.query('page')))
        return render(c, <SearchView model={{ ...base, values, results }} />, { title: t.t('talent.search.title') })
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        return render(c, <SearchView model={{ ...base, values, errors: talentErrorsOf(t, err.issues) }} />, { title: t.t('talent.search.title'), status: 422 })
      }
    })
    .post('/employers/searches', async (c) => {
      const access = await employerOf(c)
      if (!access) return c.notFound()
      await requireOrg(c, access.org.slug, MIN_ROLE.issue)
      const form = await readFormAll(c)
      const params = new URLSearchParams(one(form['query']).slice(0, 8000))
      const search: Record<string, unknown> = { skills: params.getAll('skill') }
      for (const k of ['match', 'atLeast', 'issuer', 'eqfMin', 'withinMonths', 'country', 'location']) {
        const v = params.get(k)
        if (v) search[k] = ['atLeast', 'eqfMin', 'withinMonths'].includes(k) ? Number(v) : v
      }
      const saved = await c.get('platform').talent.saveSearch(access.org.id, requireUser(c).id, { name: one(form['name']) || 'Search', search })
      return c.redirect(`/employers/search?org=${encodeURIComponent(access.org.slug)}&saved=${encodeURIComponent(saved.id)}&done=saved`, 303)
    })
    .post('/employers/searches/:id/delete', async (c) => {
      const access = await employerOf(c)
      if (!access) return c.notFound()
      await requireOrg(c, access.org.slug, MIN_ROLE.issue)
      await c.get('platform').talent.deleteSaved(access.org.id, c.req.param('id'))
      return c.redirect(`/employers/search?org=${encodeURIComponent(access.org.slug)}&done=deleted`, 303)
    })
    .get('/employers/view/:handle', async (c) => {
      const access = await employerOf(c)
      if (!access) return c.notFound()
      const { url } = await c.get('platform').talent.openProfile(access.org.id, c.req.param('handle'))
      return c.redirect(url, 303)
    })
    .get('/employers/learners/:handle', async (c) => {
      const access = await employerOf(c)
      if (!access) return c.notFound()
      const conv = await c.get('platform').talent.conversation(access.org.id, c.req.param('handle'))
      return render(c, <ContactView model={{ org: { slug: access.org.slug, name: access.org.name }, ...conv, canWrite: access.canWrite, notice: noticeOf(c) }} />, { title: tOf(c).t('talent.contact.title', { name: conv.learner.displayName }) })
    })
    .post('/employers/learners/:handle', async (c) => {
      const access = await employerOf(c)
      if (!access) return c.notFound()
      await requireOrg(c, access.org.slug, MIN_ROLE.issue)
      const form = await readFormAll(c)
      const body = one(form['body'])
      const handle = c.req.param('handle')
      const talent = c.get('platform').talent
      try {
        await talent.contact(access.org.id, requireUser(c).id, handle, { body })
      } catch (err) {
        if (!(err instanceof InputError) && !(err instanceof RateLimitedError)) throw err
        const conv = await talent.conversation(access.org.id, handle)
        const model = { org: { slug: access.org.slug, name: access.org.name }, ...conv, canWrite: true, body }
        const title = tOf(c).t('talent.contact.title', { name: conv.learner.displayName })
        if (err instanceof RateLimitedError) {
          c.header('Retry-After', String(err.retryAfterSeconds))
          return render(c, <ContactView model={{ ...model, limited: true }} />, { title, status: 429 })
        }
        return render(c, <ContactView model={{ ...model, errors: talentErrorsOf(tOf(c), err.issues) }} />, { title, status: 422 })
      }
      return c.redirect(`/employers/learners/${encodeURIComponent(handle)}?org=${encodeURIComponent(access.org.slug)}&done=sent`, 303)
    })
    .get('/wallet/visibility', (c) => visibilityPage(c, requireUser(c).id))
    .post('/wallet/visibility', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      const values = { location: one(form['location']), country: one(form['country']) }
      try {
        await c.get('platform').talent.optIn(userId, { location: values.location, ...(values.country ? { country: values.country } : {}) })
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        return visibilityPage(c, userId, { values, errors: talentErrorsOf(tOf(c), err.issues), status: 422 })
      }
      return c.redirect('/wallet/visibility?done=optin', 303)
    })
    .post('/wallet/visibility/withdraw', async (c) => {
      await c.get('platform').talent.withdraw(requireUser(c).id)
      return c.redirect('/wallet/visibility?done=withdrawn', 303)
    })
    .get('/wallet/messages', (c) => messagesPage(c, requireUser(c).id))
    .post('/wallet/messages/:org', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      const org = c.req.param('org')
      try {
        await c.get('platform').talent.reply(userId, org, { body: one(form['body']) })
      } catch (err) {
        if (err instanceof InputError) return messagesPage(c, userId, { errors: { [org]: talentErrorsOf(tOf(c), err.issues)['body'] ?? '' }, status: 422 })
        if (err instanceof RateLimitedError) return messagesPage(c, userId, { errors: { [org]: tOf(c).t('talent.contact.limited') }, status: 429 })
        throw err
      }
      return c.redirect('/wallet/messages?done=replied', 303)
    })
    .post('/wallet/blocks/:org', async (c) => {
      const userId = requireUser(c).id
      const org = c.req.param('org')
      await c.get('platform').talent.block(userId, org)
      return c.redirect('/wallet/messages', 303)
    })
    .post('/wallet/blocks/:org/delete', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      await c.get('platform').talent.unblock(userId, c.req.param('org'))
      return c.redirect(`${one(form['back']) === '/wallet/messages' ? '/wallet/messages' : '/wallet/visibility'}?done=unblocked`, 303)
    })
