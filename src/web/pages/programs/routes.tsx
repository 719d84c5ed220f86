import { Hono, type Context } from 'hono'
import { achievementUrl } from '../../../app/achievements/ob-achievement.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PROGRAM_LANGUAGES } from '../../../app/programs/program-input.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm, readMultipart } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf, shellOrgOf } from '../orgs/org-parts.js'
import { CatalogView, courseJsonLd, ProgramPageView } from './catalog-view.js'
import { EnrolmentPageView, MyProgramsView, type EnrolmentPageModel } from './enrolment-view.js'
import { OrgProgramsView, ProgramFormView, REQUIREMENT_ROWS, valuesOfProgram, type ProgramFormModel } from './org-programs-view.js'
import { ReviewsView } from './reviews-view.js'
import { ProgramStaffView } from './program-staff-view.js'
import { EVIDENCE_MAX_BYTES } from '../../../app/programs/evidence-file.js'

const FORMATS = ['online', 'onsite', 'blended'] as const

/** The program form's fields as the use case's input (requirement rows without a kind are left out). */
function inputOfForm(form: Record<string, string>) {
  const requirements = Array.from({ length: REQUIREMENT_ROWS }, (_, i) => ({
    id: form[`req${i}.id`] ?? '',
    kind: form[`req${i}.kind`] ?? '',
    title: form[`req${i}.title`] ?? '',
    threshold: form[`req${i}.threshold`] ?? '',
    achievementUrl: form[`req${i}.achievementUrl`] ?? '',
  })).filter((r) => r.kind !== '')
  return {
    achievementId: form.achievementId ?? '',
    title: form.title ?? '',
    summary: form.summary ?? '',
    format: form.format ?? '',
    hours: form.hours ?? '',
    durationWeeks: form.durationWeeks ?? '',
    selfPaced: form.selfPaced === 'true',
    startsOn: form.startsOn ?? '',
    endsOn: form.endsOn ?? '',
    price: form.price ?? '',
    currency: form.currency ?? '',
    language: form.language ?? '',
    prerequisites: form.prerequisites ?? '',
    seats: form.seats ?? '',
    enrolmentMode: form.enrolmentMode ?? 'open',
    finalSignoff: form.finalSignoff === 'true',
    requirements,
  }
}

async function programForm(c: Context, programId: string | undefined, extra: Partial<Pick<ProgramFormModel, 'values' | 'errors' | 'formError'>> & { status?: 200 | 409 | 422 } = {}) {
  const { org, role } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.manage)
  const platform = c.get('platform')
  const achievements = (await platform.achievements.list(org.id, { limit: 200 })).items.filter((a) => a.state !== 'archived')
  const stored = programId ? await platform.programs.get(org.id, programId) : undefined
  const values = extra.values ?? (stored ? valuesOfProgram(stored) : { selfPaced: 'true', currency: 'EUR', enrolmentMode: 'open', language: 'en' })
  const t = tOf(c)
  return render(c, <ProgramFormView model={{ shell: shellOrgOf(org, platform.publicUrl), role, programId, achievements, values, errors: extra.errors, formError: extra.formError }} />, {
    title: programId ? t.t('prog.form.editTitle') : t.t('prog.org.new'),
    status: extra.status ?? 200,
  })
}

async function saveProgram(c: Context, programId: string | undefined) {
  const { org } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.manage)
  const form = await readForm(c)
  try {
    if (programId) await c.get('platform').programs.update(org.id, programId, inputOfForm(form))
    else await c.get('platform').programs.create(org.id, inputOfForm(form))
  } catch (err) {
    const errors = fieldErrorsOf(tOf(c), err)
    if (!errors) throw err
    return programForm(c, programId, { values: form, errors, status: 422 })
  }
  return c.redirect(`/orgs/${org.slug}/programs?done=saved`, 303)
}

async function reviewsPage(c: Context, extra: { error?: string; status?: 200 | 422 } = {}) {
  const { org, role } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.issue)
  const platform = c.get('platform')
  const q = c.req.query()
  const status = (['submitted', 'changes', 'met', 'rejected'] as const).find((s) => s === q.status)
  const filter = { status, program: q.program || undefined, assignee: q.assignee || undefined }
  const [items, programs, members] = await Promise.all([
    platform.programs.reviewQueue(org.id, { status, programId: filter.program?.slice(0, 100), assigneeId: filter.assignee?.slice(0, 100), limit: 200 }),
    platform.programs.listOfOrg(org.id),
    platform.orgs.members(org.id),
  ])
  return render(c, <ReviewsView model={{ shell: shellOrgOf(org, platform.publicUrl), role, items, programs, members, filter, done: q.done, error: extra.error }} />, { title: tOf(c).t('prog.review.title'), status: extra.status ?? 200 })
}

async function enrolmentPage(c: Context, enrolmentId: string, extra: Omit<EnrolmentPageModel, 'view'> & { status?: 200 | 409 | 422 } = {}) {
  const user = requireUser(c)
  const view = await c.get('platform').programs.myEnrolment(user.id, enrolmentId)
  const { status = 200, ...rest } = extra
  return render(c, <EnrolmentPageView model={{ view, done: c.req.query('done'), ...rest }} />, { title: view.program.title, status })
}

/** The catalog, program pages, an organization's programs and reviews, and the learner's programs. */
export const programPages = (): Hono =>
  new Hono()
    .get('/catalog', async (c) => {
      const q = c.req.query()
      const t = tOf(c)
      const format = FORMATS.find((f) => f === q.format)
      const language = PROGRAM_LANGUAGES.find((l) => l === q.language)
      const maxHours = /^\d{1,5}$/.test(q.maxHours ?? '') && Number(q.maxHours) > 0 ? Number(q.maxHours) : undefined
      const text = (v: string | undefined, max: number) => (v && v.trim() ? v.trim().slice(0, max) : undefined)
      const query = { q: text(q.q, 200), skill: text(q.skill, 2048), occupation: text(q.occupation, 2048), format, language, maxHours, free: q.free === 'true' ? true : undefined }
      const result = await c.get('platform').programs.catalog({ ...query, limit: 48 })
      return render(c, <CatalogView model={{ query: { ...query, maxHours: maxHours === undefined ? undefined : String(maxHours) }, items: result.items, total: result.total, note: result.note }} />, {
        title: t.t('prog.catalog.title'),
        description: t.t('prog.catalog.lead'),
      })
    })
    .get('/programs/evidence/:file', async (c) => {
      const actor = c.get('actor')
      if (!actor) throw new PlatformError('ERR_UNAUTHENTICATED', 'Sign in to continue')
      const viewer = actor.kind === 'user' ? { userId: actor.user.id } : { orgId: actor.orgId }
      let file
      try {
        file = await c.get('platform').programs.evidenceFile(viewer, c.req.param('file'))
      } catch (err) {
        // Staff of the learner's organization see it too.
        if (actor.kind !== 'user') throw err
        const orgs = await c.get('platform').orgs.ofUser(actor.user.id)
        file = undefined
        for (const { org: o } of orgs) {
          try {
            file = await c.get('platform').programs.evidenceFile({ orgId: o.id }, c.req.param('file'))
            break
          } catch {
            // not this organization's
          }
        }
        if (!file) throw err
      }
      c.header('Content-Type', file.mediaType)
      c.header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`)
      c.header('X-Content-Type-Options', 'nosniff')
      c.header('Cache-Control', 'private, no-store')
      return c.body(file.bytes as Uint8Array<ArrayBuffer>)
    })
    .get('/programs/:id', async (c) => {
      const platform = c.get('platform')
      const program = await platform.programs.publicProgram(c.req.param('id'))
      const actor = c.get('actor')
      const enrolment = actor?.kind === 'user' ? (await platform.programs.myEnrolments(actor.user.id)).find((v) => v.program.id === program.id) : undefined
      const pathways = await platform.pathways.withPart([achievementUrl(platform.publicUrl, program.orgSlug, program.achievementId)])
      return render(c, <ProgramPageView model={{ program, enrolmentId: enrolment?.enrolment.id, signedIn: actor?.kind === 'user', done: c.req.query('done'), pathways }} />, {
        title: program.title,
        description: program.summary.slice(0, 300),
        head: <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: courseJsonLd(program, platform.publicUrl) }} />,
      })
    })
    .post('/programs/:id/enrol', async (c) => {
      const user = requireUser(c)
      await readForm(c)
      const enrolment = await c.get('platform').programs.enrol(user.id, c.req.param('id'))
      return enrolment.state === 'requested' ? c.redirect(`/programs/${enrolment.programId}?done=requested`, 303) : c.redirect(`/wallet/programs/${enrolment.id}`, 303)
    })
    .get('/orgs/:org/programs', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const platform = c.get('platform')
      const programs = await platform.programs.listOfOrg(org.id)
      const requests = (await Promise.all(programs.map(async (p) => (await platform.programs.enrolmentsOfProgram(org.id, p.id)).filter((e) => e.state === 'requested').map((e) => ({ ...e, programTitle: p.title }))))).flat()
      return render(c, <OrgProgramsView model={{ shell: shellOrgOf(org, platform.publicUrl), role, programs, requests, done: c.req.query('done') }} />, { title: tOf(c).t('prog.org.title') })
    })
    .get('/orgs/:org/programs/new', (c) => programForm(c, undefined))
    .post('/orgs/:org/programs/new', (c) => saveProgram(c, undefined))
    .get('/orgs/:org/programs/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const platform = c.get('platform')
      const program = await platform.programs.get(org.id, c.req.param('id'))
      const enrolments = await Promise.all((await platform.programs.enrolmentsOfProgram(org.id, program.id)).map((e) => platform.programs.orgEnrolment(org.id, e.id)))
      return render(c, <ProgramStaffView model={{ shell: shellOrgOf(org, platform.publicUrl), role, program, enrolments, done: c.req.query('done') }} />, { title: program.title })
    })
    .post('/orgs/:org/enrolments/:id/attendance', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      requireUser(c)
      const { requirementId = '' } = await readForm(c)
      const view = await c.get('platform').programs.markAttendance(org.id, c.req.param('id'), requirementId)
      return c.redirect(`/orgs/${org.slug}/programs/${view.program.id}?done=attended`, 303)
    })
    .post('/orgs/:org/enrolments/:id/signoff', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const user = requireUser(c)
      await readForm(c)
      const view = await c.get('platform').programs.signOff(org.id, user.id, c.req.param('id'))
      return c.redirect(`/orgs/${org.slug}/programs/${view.program.id}?done=signedoff`, 303)
    })
    .get('/orgs/:org/programs/:id/edit', (c) => programForm(c, c.req.param('id')))
    .post('/orgs/:org/programs/:id/edit', (c) => saveProgram(c, c.req.param('id')))
    .post('/orgs/:org/programs/:id/state', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const { state = '' } = await readForm(c)
      if (state !== 'published' && state !== 'draft' && state !== 'archived') throw new PlatformError('ERR_INPUT_INVALID', 'Unknown state')
      await c.get('platform').programs.setState(org.id, c.req.param('id'), state)
      return c.redirect(`/orgs/${org.slug}/programs?done=state`, 303)
    })
    .post('/orgs/:org/enrolments/:id/decide', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const { decision = '' } = await readForm(c)
      await c.get('platform').programs.decideEnrolment(org.id, c.req.param('id'), decision === 'approve')
      return c.redirect(`/orgs/${org.slug}/programs?done=decided`, 303)
    })
    .get('/orgs/:org/reviews', (c) => reviewsPage(c))
    .post('/orgs/:org/reviews/:enrolment/:requirement', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const user = requireUser(c)
      const form = await readForm(c)
      const rubric = Array.from({ length: 10 }, (_, i) => ({ criterion: form[`rubric${i}.criterion`] ?? '', level: form[`rubric${i}.level`] ?? '' })).filter((r) => r.criterion && r.level)
      try {
        await c.get('platform').programs.review(org.id, user.id, c.req.param('enrolment'), c.req.param('requirement'), {
          decision: form.decision ?? '',
          feedback: form.feedback ?? '',
          supervision: form.supervision ?? '',
          ...(rubric.length ? { rubric } : {}),
        })
      } catch (err) {
        const errors = fieldErrorsOf(tOf(c), err)
        if (!errors) throw err
        return reviewsPage(c, { error: errors.feedback ? tOf(c).t('prog.review.feedbackRequired') : Object.values(errors).join(' '), status: 422 })
      }
      return c.redirect(`/orgs/${org.slug}/reviews?done=reviewed`, 303)
    })
    .post('/orgs/:org/reviews/:enrolment/:requirement/assign', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const form = await readForm(c)
      await c.get('platform').programs.assign(org.id, c.req.param('enrolment'), c.req.param('requirement'), { assigneeId: form.assigneeId ?? '', dueAt: form.dueAt ?? '' })
      return c.redirect(`/orgs/${org.slug}/reviews?done=assigned`, 303)
    })
    .get('/wallet/programs', async (c) => {
      const user = requireUser(c)
      const views = await c.get('platform').programs.myEnrolments(user.id)
      return render(c, <MyProgramsView views={views} />, { title: tOf(c).t('prog.my.title') })
    })
    .get('/wallet/programs/:id', (c) => enrolmentPage(c, c.req.param('id')))
    .post('/wallet/programs/:id/:requirement', async (c) => {
      const user = requireUser(c)
      const [id, requirementId] = [c.req.param('id'), c.req.param('requirement')]
      const programs = c.get('platform').programs
      const view = await programs.myEnrolment(user.id, id)
      const requirement = view.program.requirements.find((r) => r.id === requirementId)
      const form = await readMultipart(c)
      let file: { name: string; bytes: Uint8Array } | undefined
      if (form.file) {
        const chunks: Uint8Array[] = []
        let size = 0
        for await (const chunk of form.file.stream) {
          size += chunk.byteLength
          if (size > EVIDENCE_MAX_BYTES) {
            form.discard()
            return enrolmentPage(c, id, { errors: { requirementId, fields: { file: tOf(c).t('prog.my.tooLarge') } }, status: 422 })
          }
          chunks.push(chunk)
        }
        file = { name: form.file.fileName, bytes: Buffer.concat(chunks) }
      }
      try {
        if (requirement?.kind === 'credential') await programs.checkCredential(user.id, id, requirementId)
        else await programs.submit(user.id, id, requirementId, { text: form.fields.text ?? '', url: form.fields.url ?? '' }, file)
      } catch (err) {
        const fields = fieldErrorsOf(tOf(c), err)
        if (fields) return enrolmentPage(c, id, { errors: { requirementId, fields }, status: 422 })
        if (err instanceof PlatformError && err.code === 'ERR_STATE_INVALID') return enrolmentPage(c, id, { error: requirement?.kind === 'credential' ? tOf(c).t('prog.my.notHeld') : tOf(c).t('prog.my.decided'), status: 409 })
        throw err
      }
      return c.redirect(`/wallet/programs/${id}?done=submitted#q-${requirementId.slice(0, 8)}`, 303)
    })
