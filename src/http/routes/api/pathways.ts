import { Hono } from 'hono'
import { z } from 'zod'
import type { PathwayProgress, PathwayWithSteps, PublicPathway } from '../../../app/pathways/pathways-use-cases.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

const common = (p: Omit<PublicPathway, 'parts'>, publicUrl: string) => ({
  id: p.id,
  url: `${publicUrl}/pathways/${p.id}`,
  org: { slug: p.orgSlug, name: p.orgName },
  achievementId: p.achievementId,
  achievementName: p.achievementName,
  title: p.title,
  summary: p.summary,
  rule: p.rule,
  required: p.required,
  ordered: p.ordered,
  windowDays: p.windowDays,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
})

/** A pathway as its organization sees it. */
export const presentPathway = (p: PathwayWithSteps, publicUrl: string) => ({
  ...common(p, publicUrl),
  parts: p.parts.map((x) => ({ position: x.position, achievementUrl: x.achievementUrl, name: x.name })),
  steps: p.steps,
})

const presentPart = (x: PublicPathway['parts'][number], publicUrl: string) => ({
  position: x.position,
  achievementUrl: x.achievementUrl,
  name: x.name,
  issuerName: x.issuerName,
  imageUrl: x.imageUrl ? `${publicUrl}${x.imageUrl}` : null,
  programs: x.programs.map((g) => ({ ...g, url: `${publicUrl}/programs/${g.id}` })),
})

export const presentPublicPathway = (p: PublicPathway, publicUrl: string) => ({ ...common(p, publicUrl), parts: p.parts.map((x) => presentPart(x, publicUrl)) })

export const presentProgress = (v: PathwayProgress, publicUrl: string) => ({
  pathway: presentPublicPathway(v.pathway, publicUrl),
  parts: v.parts.map((x) => ({
    ...presentPart(x, publicUrl),
    held: x.holding !== null,
    credential: x.holding ? { name: x.holding.name, issuerName: x.holding.issuerName, issuedAt: x.holding.issuedAt, url: x.holding.url } : null,
  })),
  held: v.held,
  counted: v.counted,
  required: v.pathway.required,
  complete: v.complete,
  awarded: v.awardState === 'awarded',
  credentialId: v.credentialId,
})

/** Pathways (/api/v1/orgs/:org/pathways…, /api/v1/pathways/:id, /api/v1/me/pathways). Described in schemas/pathways.ts. */
export const pathwaysApi = (): Hono =>
  new Hono()
    .get('/orgs/:org/pathways', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').pathways.listOfOrg(org.id)).map((p) => presentPathway(p, c.get('platform').publicUrl)) })
    })
    .post('/orgs/:org/pathways', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 64 * 1024 })
      return c.json(presentPathway(await c.get('platform').pathways.create(org.id, body), c.get('platform').publicUrl), 201)
    })
    .get('/orgs/:org/pathways/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json(presentPathway(await c.get('platform').pathways.get(org.id, c.req.param('id')), c.get('platform').publicUrl))
    })
    .put('/orgs/:org/pathways/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 64 * 1024 })
      return c.json(presentPathway(await c.get('platform').pathways.update(org.id, c.req.param('id'), body), c.get('platform').publicUrl))
    })
    .delete('/orgs/:org/pathways/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await c.get('platform').pathways.delete(org.id, c.req.param('id'))
      return c.body(null, 204)
    })
    .get('/pathways/:id', async (c) => {
      const p = await c.get('platform').pathways.publicPathway(c.req.param('id'))
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'public, max-age=60')
      return c.json(presentPublicPathway(p, c.get('platform').publicUrl))
    })
    .get('/me/pathways', async (c) => {
      const user = requireUser(c)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').pathways.mine(user.id)).map((v) => presentProgress(v, c.get('platform').publicUrl)) })
    })
