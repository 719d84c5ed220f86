import { Hono, type Context } from 'hono'
import { walletClrRequestSchema } from '../../../app/clr/clr-input.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requirePerson } from '../../auth/require.js'
import '../../context.js'
import { readJson } from '../../request.js'

/** `Content-Disposition` for a JSON download named after `base`. */
export const attachment = (c: Context, base: string) => c.header('Content-Disposition', `attachment; filename="${base.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}.json"`)

/**
 * Learner records: POST /wallet/clr (a CLR 2.0 record of your wallet credentials),
 * POST /orgs/:org/programs/:id/enrolments/:enrolment/clr (a program's record),
 * GET /orgs/:org/pathways/:id/records and POST /orgs/:org/pathways/:id/records/:learner/clr (a pathway's records),
 * GET /orgs/:org/achievements/:id/elm and GET /credentials/:id/elm (Europass ELM 3). Described in schemas/clr.ts.
 */
export const clrApi = (): Hono =>
  new Hono()
    .post('/wallet/clr', async (c) => {
      const userId = requirePerson(c, 'Exporting a learner record').id
      const body = await readJson(c, walletClrRequestSchema, { maxBytes: 64 * 1024 })
      c.header('Cache-Control', 'no-store')
      return c.json(await c.get('platform').clr.walletClr(userId, body))
    })
    .post('/orgs/:org/programs/:id/enrolments/:enrolment/clr', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const clr = await c.get('platform').clr.programClr(org.id, c.req.param('id'), c.req.param('enrolment'))
      c.header('Cache-Control', 'no-store')
      return c.json(clr)
    })
    .get('/orgs/:org/pathways/:id/records', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const { pathway, learners } = await c.get('platform').clr.pathwayRecords(org.id, c.req.param('id'))
      c.header('Cache-Control', 'no-store')
      return c.json({
        pathway: { id: pathway.id, title: pathway.title },
        items: learners.map((l) => ({
          learnerId: l.userId,
          name: l.userName,
          email: l.userEmail,
          held: l.held,
          awardState: l.awardState,
          credentialId: l.credentialId,
          ...(l.awardState === 'awarded' ? { record: `/api/v1/orgs/${org.slug}/pathways/${pathway.id}/records/${l.userId}/clr` } : {}),
        })),
      })
    })
    .post('/orgs/:org/pathways/:id/records/:learner/clr', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const clr = await c.get('platform').clr.pathwayClr(org.id, c.req.param('id'), c.req.param('learner'))
      c.header('Cache-Control', 'no-store')
      return c.json(clr)
    })
    .get('/orgs/:org/achievements/:id/elm', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const id = c.req.param('id')
      const elm = await c.get('platform').clr.achievementElm(org.id, id)
      attachment(c, `achievement-${id}-elm`)
      return c.json(elm)
    })
    .get('/credentials/:id/elm', async (c) => {
      const id = c.req.param('id')
      const elm = await c.get('platform').clr.credentialElm(id)
      attachment(c, `credential-${id.replace(/^urn:uuid:/, '')}-elm`)
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'public, max-age=300')
      return c.json(elm)
    })
