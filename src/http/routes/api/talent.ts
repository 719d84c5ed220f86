import { Hono, type Context } from 'hono'
import { InputError } from '../../../app/platform/input-error.js'
import type { TalentVisibility } from '../../../app/talent/talent-use-cases.js'
import { savedSearchInput, talentMessageInput, talentOptinInput, employerInput } from '../../../app/talent/talent-input.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { actorOf, requireOrg, requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

/** The `org` query parameter (400 when absent). */
const orgSlug = (c: Context): string => {
  const slug = c.req.query('org')
  if (!slug) throw new InputError([{ path: 'org', code: 'required', message: 'name the employer organization (its slug) in ?org=' }])
  return slug.slice(0, 100)
}

/** The employer organization of `?org=` with the actor's role at least `least`. */
const employer = async (c: Context, least: 'viewer' | 'issuer') => {
  // Anonymous callers hear 401 before anything about their query.
  if (!c.get('actor')) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in or send an API key of the employer organization')
  const access = await requireOrg(c, orgSlug(c), least)
  await c.get('platform').talent.requireEmployer(access.org.id)
  return access
}

/** The search as the query string gives it (empty parameters count as absent). */
export function searchOfQuery(c: Context): Record<string, unknown> {
  const q = (name: string) => {
    const v = c.req.query(name)
    return v === undefined || v.trim() === '' ? undefined : v
  }
  const out: Record<string, unknown> = { skills: (c.req.queries('skill') ?? []).filter((s) => s.trim() !== '').slice(0, 11) }
  for (const name of ['match', 'atLeast', 'issuer', 'eqfMin', 'withinMonths', 'country', 'location', 'page']) {
    const v = q(name)
    if (v !== undefined) out[name] = v
  }
  return out
}

const presentVisibility = (v: TalentVisibility) => ({
  optin: v.optin ? { location: v.optin.location, country: v.optin.country, optedInAt: v.optin.optedInAt } : null,
  profile: v.profile ?? null,
  views: v.views,
  blocked: v.blocked,
})

/**
 * Talent API: employers (POST /employers, GET /talent, saved searches, messages to learners) and
 * learners (GET/PUT/DELETE /wallet/talent, /wallet/messages, /wallet/blocks). Described in schemas/talent.ts.
 */
export const talentApi = (): Hono =>
  new Hono()
    .post('/employers', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, employerInput, { maxBytes: 16 * 1024 })
      const org = await c.get('platform').talent.createEmployer(userId, body)
      return c.json({ id: org.id, slug: org.slug, name: org.name, kind: org.kind }, 201)
    })
    .get('/talent', async (c) => {
      const { org } = await employer(c, MIN_ROLE.read)
      return c.json(await c.get('platform').talent.search(org.id, searchOfQuery(c)))
    })
    .get('/talent/searches', async (c) => {
      const { org } = await employer(c, MIN_ROLE.read)
      return c.json({ items: await c.get('platform').talent.savedSearches(org.id) })
    })
    .post('/talent/searches', async (c) => {
      const access = await employer(c, MIN_ROLE.issue)
      const body = await readJson(c, savedSearchInput, { maxBytes: 16 * 1024 })
      return c.json(await c.get('platform').talent.saveSearch(access.org.id, actorOf(c, access).userId, body), 201)
    })
    .get('/talent/searches/:id', async (c) => {
      const { org } = await employer(c, MIN_ROLE.read)
      return c.json(await c.get('platform').talent.runSaved(org.id, c.req.param('id'), Number(c.req.query('page') ?? 1)))
    })
    .delete('/talent/searches/:id', async (c) => {
      const { org } = await employer(c, MIN_ROLE.issue)
      await c.get('platform').talent.deleteSaved(org.id, c.req.param('id'))
      return c.body(null, 204)
    })
    .post('/talent/learners/:handle/messages', async (c) => {
      const access = await employer(c, MIN_ROLE.issue)
      const body = await readJson(c, talentMessageInput, { maxBytes: 16 * 1024 })
      return c.json(await c.get('platform').talent.contact(access.org.id, actorOf(c, access).userId, c.req.param('handle'), body), 201)
    })
    .get('/talent/learners/:handle/messages', async (c) => {
      const { org } = await employer(c, MIN_ROLE.read)
      return c.json(await c.get('platform').talent.conversation(org.id, c.req.param('handle')))
    })
    .get('/wallet/talent', async (c) => c.json(presentVisibility(await c.get('platform').talent.visibility(requireUser(c).id))))
    .put('/wallet/talent', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, talentOptinInput, { maxBytes: 16 * 1024 })
      return c.json(presentVisibility(await c.get('platform').talent.optIn(userId, body)))
    })
    .delete('/wallet/talent', async (c) => c.json(presentVisibility(await c.get('platform').talent.withdraw(requireUser(c).id))))
    .get('/wallet/messages', async (c) => c.json({ items: await c.get('platform').talent.messages(requireUser(c).id) }))
    .post('/wallet/messages/:org', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, talentMessageInput, { maxBytes: 16 * 1024 })
      await c.get('platform').talent.reply(userId, c.req.param('org'), body)
      return c.body(null, 201)
    })
    .put('/wallet/blocks/:org', async (c) => {
      await c.get('platform').talent.block(requireUser(c).id, c.req.param('org'))
      return c.body(null, 204)
    })
    .delete('/wallet/blocks/:org', async (c) => {
      await c.get('platform').talent.unblock(requireUser(c).id, c.req.param('org'))
      return c.body(null, 204)
    })
