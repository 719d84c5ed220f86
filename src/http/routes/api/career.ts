import { Hono } from 'hono'
import type { CareerPlan, OccupationTowards } from '../../../app/career/career-use-cases.js'
import type { OccupationDetail } from '../../../app/occupations/occupations-use-cases.js'
import type { OccupationRecord } from '../../../app/occupations/ports.js'
import { PlatformError } from '../../../core/errors.js'
import { ESCO_ATTRIBUTION, ONET_ATTRIBUTION } from '../../../core/skills/index.js'
import { requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson, readQuery } from '../../request.js'
import { careerQuery, careerTargetInput, searchOccupationsQuery } from '../../schemas/career.js'

const ATTRIBUTION: Record<string, string> = { esco: ESCO_ATTRIBUTION, onet: ONET_ATTRIBUTION }

/** An occupation's page on this instance. */
export const occupationPath = (uri: string): string => `/occupations/${encodeURIComponent(uri)}`

export const presentOccupation = (o: OccupationRecord, publicUrl: string) => ({
  uri: o.id,
  label: o.preferredLabel,
  framework: o.framework,
  code: o.code,
  iscoGroup: o.iscoGroup,
  altLabels: o.altLabels,
  description: o.description,
  url: `${publicUrl}${occupationPath(o.id)}`,
})

const presentDetail = (d: OccupationDetail, publicUrl: string) => ({
  ...presentOccupation(d.occupation, publicUrl),
  skills: d.skills.map((s) => ({ uri: s.skillId, label: s.label, relation: s.relation, category: s.category, importance: s.importance })),
  broader: d.broader.map((b) => ({ uri: b.id, label: b.preferredLabel, framework: b.framework, code: b.code })),
  release: d.release,
  ...(ATTRIBUTION[d.occupation.framework] ? { attribution: ATTRIBUTION[d.occupation.framework] } : {}),
})

/** The plan in the shape: occupation, covered, gap, programs (and labels and reasons beside them). */
export const presentPlan = (p: CareerPlan) => ({
  occupation: p.occupation.id,
  label: p.occupation.preferredLabel,
  framework: p.occupation.framework,
  covered: p.covered.map((c) => ({ skill: c.skill, label: c.label, relation: c.relation, credentials: c.credentials, because: c.because.map((b) => ({ skill: b.skill, label: b.label, match: b.match, credentials: b.credentials.map((x) => x.id) })) })),
  gap: p.gap.map((g) => ({ skill: g.skill, label: g.label, relation: g.relation })),
  programs: p.programs.map((x) => ({ id: x.id, title: x.title, covers: x.covers, hours: x.hours, price: x.price, ...(x.currency ? { currency: x.currency } : {}), ...(x.url ? { url: x.url } : {}) })),
  essential: p.essential,
})

const presentTowards = (o: OccupationTowards, publicUrl: string) => ({ occupation: presentOccupation(o.occupation, publicUrl), skills: o.skills, total: o.total, essential: o.essential })

/**
 * Occupations (public reference data), the learner's career planner and the demand signals
 * (described in schemas/career.ts): GET /occupations, GET /occupations/{uri}, GET /me/career,
 * GET/PUT /me/career/target, GET /me/career/credentials/{id}, GET /insights/skills.
 */
export const careerApi = (): Hono =>
  new Hono()
    .get('/occupations', async (c) => {
      const { q, framework, limit } = readQuery(c, searchOccupationsQuery)
      const items = await c.get('platform').occupations.search(q, { framework, limit })
      const attribution = Object.fromEntries([...new Set(items.map((o) => o.framework))].filter((f) => f in ATTRIBUTION).map((f) => [f, ATTRIBUTION[f]]))
      c.header('Cache-Control', 'public, max-age=300')
      return c.json({ items: items.map((o) => presentOccupation(o, c.get('platform').publicUrl)), ...(Object.keys(attribution).length ? { attribution } : {}) })
    })
    .get('/occupations/:uri', async (c) => {
      const detail = await c.get('platform').occupations.get(c.req.param('uri'))
      c.header('Cache-Control', 'public, max-age=300')
      return c.json(presentDetail(detail, c.get('platform').publicUrl))
    })
    .get('/me/career', async (c) => {
      const userId = requireUser(c).id
      const { occupation } = readQuery(c, careerQuery)
      c.header('Cache-Control', 'no-store')
      return c.json(presentPlan(await c.get('platform').career.plan(userId, occupation)))
    })
    .get('/me/career/target', async (c) => {
      const userId = requireUser(c).id
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').career.targets(userId)).map((o) => presentOccupation(o, c.get('platform').publicUrl)) })
    })
    .put('/me/career/target', async (c) => {
      const userId = requireUser(c).id
      const body = await readJson(c, careerTargetInput, { maxBytes: 32 * 1024 })
      return c.json({ items: (await c.get('platform').career.setTargets(userId, body.occupations)).map((o) => presentOccupation(o, c.get('platform').publicUrl)) })
    })
    .get('/me/career/credentials/:id', async (c) => {
      const userId = requireUser(c).id
      const { credential, occupations } = await c.get('platform').career.towards(userId, c.req.param('id'))
      c.header('Cache-Control', 'no-store')
      return c.json({ credential: { id: credential.id, name: credential.name, verified: credential.verified }, items: occupations.map((o) => presentTowards(o, c.get('platform').publicUrl)) })
    })
    .get('/insights/skills', async (c) => {
      if (!c.get('actor')) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in or send an API key to see demand signals')
      c.header('Cache-Control', 'no-store')
      return c.json(await c.get('platform').career.demand())
    })
