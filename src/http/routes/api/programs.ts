import { Hono } from 'hono'
import { z } from 'zod'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import type { ProgramRecord, ReviewItem } from '../../../app/programs/ports.js'
import type { EnrolmentView } from '../../../app/programs/programs-use-cases.js'
import { InputError } from '../../../app/platform/input-error.js'
import { requireOrg, requireUser } from '../../auth/require.js'
import '../../context.js'
import { readJson, readQuery, readText } from '../../request.js'
import { catalogQuery, enrolmentActionInput, reviewsQuery, staffActionInput } from '../../schemas/programs.js'

/** A program as the API shows it. */
export const presentProgram = (p: ProgramRecord, publicUrl: string) => ({
  id: p.id,
  url: `${publicUrl}/programs/${p.id}`,
  org: { slug: p.orgSlug, name: p.orgName },
  achievementId: p.achievementId,
  achievementName: p.achievementName,
  title: p.title,
  summary: p.summary,
  format: p.format,
  hours: p.hours,
  durationWeeks: p.durationWeeks,
  selfPaced: p.selfPaced,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  price: p.priceCents / 100,
  currency: p.currency,
  language: p.language,
  prerequisites: p.prerequisites,
  seats: p.seats,
  enrolmentMode: p.enrolmentMode,
  finalSignoff: p.finalSignoff,
  state: p.state,
  skills: p.skills,
  requirements: p.requirements,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
})

/** An enrolment with its progress as the API shows it. */
export const presentEnrolment = (v: EnrolmentView) => ({
  id: v.enrolment.id,
  program: { id: v.program.id, title: v.program.title },
  learner: { name: v.enrolment.userName, email: v.enrolment.userEmail },
  state: v.enrolment.state,
  credentialId: v.enrolment.credentialId,
  met: v.met,
  total: v.total,
  progress: v.progress.map((p) => ({
    requirementId: p.requirementId,
    title: p.requirement.title,
    kind: p.requirement.kind,
    status: p.status,
    score: p.score,
    feedback: p.feedback,
    supervision: p.supervision,
    submittedAt: p.submittedAt,
  })),
  createdAt: v.enrolment.createdAt,
})

const presentReview = (r: ReviewItem) => ({
  enrolmentId: r.enrolmentId,
  requirementId: r.requirementId,
  programId: r.programId,
  programTitle: r.programTitle,
  requirementTitle: r.requirementTitle,
  learner: { name: r.learnerName, email: r.learnerEmail },
  status: r.status,
  submission: r.submission,
  feedback: r.feedback,
  supervision: r.supervision,
  assignee: r.assigneeId && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
  dueAt: r.dueAt,
  submittedAt: r.submittedAt,
})

/** Scores as CSV: a header naming `requirement`, `score` and `email` or `enrolment`. */
export function scoresOfCsv(text: string): unknown {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '')
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase())
  const col = (name: string) => header.indexOf(name)
  if (col('requirement') < 0 || col('score') < 0 || (col('email') < 0 && col('enrolment') < 0))
    throw new InputError([{ path: '(body)', code: 'invalid_format', message: 'the CSV needs a header with requirement, score and email (or enrolment)' }])
  const rows = lines.map((l) => l.split(',').map((v) => v.trim()))
  const requirementId = rows[0]?.[col('requirement')] ?? ''
  if (rows.some((r) => r[col('requirement')] !== requirementId)) throw new InputError([{ path: 'requirement', code: 'invalid', message: 'one requirement per file' }])
  return {
    requirementId,
    scores: rows.map((r) => ({
      ...(col('email') >= 0 ? { email: r[col('email')] ?? '' } : {}),
      ...(col('enrolment') >= 0 ? { enrolmentId: r[col('enrolment')] ?? '' } : {}),
      score: r[col('score')] === '' || r[col('score')] === undefined ? Number.NaN : Number(r[col('score')]),
    })),
  }
}

/** Programs (/api/v1/orgs/:org/programs…, /api/v1/catalog, /api/v1/programs/:id/enrolments, /api/v1/me/enrolments…). Described in schemas/programs.ts. */
export const programsApi = (): Hono =>
  new Hono()
    .get('/orgs/:org/programs', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      const items = await c.get('platform').programs.listOfOrg(org.id)
      return c.json({ items: items.map((p) => ({ ...presentProgram(p, c.get('platform').publicUrl), enrolled: p.enrolled })) })
    })
    .post('/orgs/:org/programs', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 64 * 1024 })
      return c.json(presentProgram(await c.get('platform').programs.create(org.id, body), c.get('platform').publicUrl), 201)
    })
    .get('/orgs/:org/programs/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json(presentProgram(await c.get('platform').programs.get(org.id, c.req.param('id')), c.get('platform').publicUrl))
    })
    .put('/orgs/:org/programs/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const body = await readJson(c, z.unknown(), { maxBytes: 64 * 1024 })
      return c.json(presentProgram(await c.get('platform').programs.update(org.id, c.req.param('id'), body), c.get('platform').publicUrl))
    })
    .post('/orgs/:org/programs/:id/state', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { state } = await readJson(c, z.strictObject({ state: z.enum(['draft', 'published', 'archived']) }), { maxBytes: 1024 })
      return c.json(presentProgram(await c.get('platform').programs.setState(org.id, c.req.param('id'), state), c.get('platform').publicUrl))
    })
    .post('/orgs/:org/programs/:id/scores', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const csv = (c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv')
      const body = csv ? scoresOfCsv(await readText(c, { maxBytes: 1024 * 1024, what: 'A CSV file' })) : await readJson(c, z.unknown(), { maxBytes: 1024 * 1024 })
      return c.json(await c.get('platform').programs.importScores(org.id, c.req.param('id'), body))
    })
    .get('/orgs/:org/reviews', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const q = readQuery(c, reviewsQuery)
      c.header('Cache-Control', 'no-store')
      const items = await c.get('platform').programs.reviewQueue(org.id, { status: q.status, programId: q.program, assigneeId: q.assignee, limit: 200 })
      return c.json({ items: items.map(presentReview) })
    })
    .post('/orgs/:org/enrolments/:id/requirements/:requirement', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const body = await readJson(c, staffActionInput, { maxBytes: 32 * 1024 })
      const programs = c.get('platform').programs
      const [id, requirement] = [c.req.param('id'), c.req.param('requirement')]
      const actor = c.get('actor')
      const reviewerId = actor?.kind === 'user' ? actor.user.id : `api-key:${actor?.kind === 'api-key' ? actor.keyId : ''}`
      if (body.action === 'review') {
        const { action: _action, ...decision } = body
        return c.json(presentEnrolment(await programs.review(org.id, reviewerId, id, requirement, { feedback: '', ...decision })))
      }
      if (body.action === 'attendance') return c.json(presentEnrolment(await programs.markAttendance(org.id, id, requirement)))
      const { action: _action, ...assignment } = body
      await programs.assign(org.id, id, requirement, assignment)
      return c.json(presentEnrolment(await programs.orgEnrolment(org.id, id)))
    })
    .post('/orgs/:org/enrolments/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const { action } = await readJson(c, enrolmentActionInput, { maxBytes: 1024 })
      const programs = c.get('platform').programs
      const id = c.req.param('id')
      const actor = c.get('actor')
      if (action === 'signoff') return c.json(presentEnrolment(await programs.signOff(org.id, actor?.kind === 'user' ? actor.user.id : `api-key:${actor?.kind === 'api-key' ? actor.keyId : ''}`, id)))
      await programs.decideEnrolment(org.id, id, action === 'approve')
      return c.json(presentEnrolment(await programs.orgEnrolment(org.id, id)))
    })
    .get('/catalog', async (c) => {
      const q = readQuery(c, catalogQuery)
      const result = await c.get('platform').programs.catalog({ ...q, free: q.free === undefined ? undefined : q.free === 'true' })
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'public, max-age=60')
      return c.json({ items: result.items.map((p) => presentProgram(p, c.get('platform').publicUrl)), total: result.total, ...(result.note ? { note: result.note } : {}) })
    })
    .post('/programs/:id/enrolments', async (c) => {
      const user = requireUser(c)
      const programs = c.get('platform').programs
      const before = await programs.myEnrolments(user.id)
      const enrolment = await programs.enrol(user.id, c.req.param('id'))
      const existed = before.some((v) => v.enrolment.id === enrolment.id)
      return c.json(presentEnrolment(await programs.myEnrolment(user.id, enrolment.id)), existed ? 200 : 201)
    })
    .get('/me/enrolments', async (c) => {
      const user = requireUser(c)
      c.header('Cache-Control', 'no-store')
      return c.json({ items: (await c.get('platform').programs.myEnrolments(user.id)).map(presentEnrolment) })
    })
    .post('/me/enrolments/:id/requirements/:requirement', async (c) => {
      const user = requireUser(c)
      const body = await readJson(c, z.unknown(), { maxBytes: 32 * 1024 })
      const programs = c.get('platform').programs
      const [id, requirement] = [c.req.param('id'), c.req.param('requirement')]
      const view = await programs.myEnrolment(user.id, id)
      const kind = view.program.requirements.find((r) => r.id === requirement)?.kind
      const next = kind === 'credential' ? await programs.checkCredential(user.id, id, requirement) : await programs.submit(user.id, id, requirement, body)
      return c.json(presentEnrolment(next))
    })
