import { Hono, type Context } from 'hono'
import { achievementUrl } from '../../../app/achievements/ob-achievement.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render, tOf } from '../../kit/render.js'
import { fieldErrorsOf, shellOrgOf } from '../orgs/org-parts.js'
import { MyPathwaysView, OrgPathwaysView, OrgPathwayView, PART_ROWS, PathwayFormView, PublicPathwayView, valuesOfPathway, type PathwayFormModel } from './pathway-views.js'

/** The form's fields as the use case's input (part rows without an achievement are left out). */
function inputOfForm(form: Record<string, string>) {
  const parts = Array.from({ length: PART_ROWS }, (_, i) => ({ achievementUrl: (form[`part${i}.achievementUrl`] ?? '').trim(), name: form[`part${i}.name`] ?? '' })).filter((p) => p.achievementUrl !== '')
  return {
    achievementId: form.achievementId ?? '',
    title: form.title ?? '',
    summary: form.summary ?? '',
    rule: form.rule || 'all',
    required: form.rule === 'some' ? (form.required ?? '') : '',
    ordered: form.ordered === 'true',
    windowDays: form.windowDays ?? '',
    parts,
  }
}

async function pathwayForm(c: Context, pathwayId: string | undefined, extra: Partial<Pick<PathwayFormModel, 'values' | 'errors'>> & { status?: 200 | 422 } = {}) {
  const { org, role } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.manage)
  const platform = c.get('platform')
  const achievements = (await platform.achievements.list(org.id, { limit: 200 })).items.filter((a) => a.state !== 'archived')
  const stored = pathwayId ? await platform.pathways.get(org.id, pathwayId) : undefined
  const values = extra.values ?? (stored ? valuesOfPathway(stored) : { rule: 'all' })
  const suggestions = achievements.filter((a) => a.state === 'published').map((a) => ({ url: achievementUrl(platform.publicUrl, org.slug, a.id), name: a.name }))
  const t = tOf(c)
  return render(c, <PathwayFormView model={{ shell: shellOrgOf(org, platform.publicUrl), role, pathwayId, achievements, suggestions, values, errors: extra.errors }} />, {
    title: pathwayId ? t.t('path.form.editTitle') : t.t('path.org.new'),
    status: extra.status ?? 200,
  })
}

async function savePathway(c: Context, pathwayId: string | undefined) {
  const { org } = await requireOrg(c, c.req.param('org') ?? '', MIN_ROLE.manage)
  const form = await readForm(c)
  let id = pathwayId
  try {
    if (pathwayId) await c.get('platform').pathways.update(org.id, pathwayId, inputOfForm(form))
    else id = (await c.get('platform').pathways.create(org.id, inputOfForm(form))).id
  } catch (err) {
    const errors = fieldErrorsOf(tOf(c), err)
    if (!errors) throw err
    return pathwayForm(c, pathwayId, { values: form, errors, status: 422 })
  }
  return c.redirect(`/orgs/${org.slug}/pathways/${id}?done=saved`, 303)
}

/** An organization's pathways, the public pathway page and the learner's progress. */
export const pathwayPages = (): Hono =>
  new Hono()
    .get('/pathways/:id', async (c) => {
      const pathway = await c.get('platform').pathways.publicPathway(c.req.param('id'))
      return render(c, <PublicPathwayView model={{ pathway }} />, { title: pathway.title, description: (pathway.summary || pathway.title).slice(0, 300) })
    })
    .get('/wallet/pathways', async (c) => {
      const user = requireUser(c)
      const items = await c.get('platform').pathways.mine(user.id)
      return render(c, <MyPathwaysView model={{ items }} />, { title: tOf(c).t('path.my.title') })
    })
    .get('/orgs/:org/pathways', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const platform = c.get('platform')
      const pathways = await platform.pathways.listOfOrg(org.id)
      return render(c, <OrgPathwaysView model={{ shell: shellOrgOf(org, platform.publicUrl), role, pathways, done: c.req.query('done') }} />, { title: tOf(c).t('path.org.title') })
    })
    .get('/orgs/:org/pathways/new', (c) => pathwayForm(c, undefined))
    .post('/orgs/:org/pathways/new', (c) => savePathway(c, undefined))
    .get('/orgs/:org/pathways/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const platform = c.get('platform')
      const pathway = await platform.pathways.get(org.id, c.req.param('id'))
      return render(c, <OrgPathwayView model={{ shell: shellOrgOf(org, platform.publicUrl), role, pathway, done: c.req.query('done') }} />, { title: pathway.title })
    })
    .get('/orgs/:org/pathways/:id/edit', (c) => pathwayForm(c, c.req.param('id')))
    .post('/orgs/:org/pathways/:id/edit', (c) => savePathway(c, c.req.param('id')))
    .post('/orgs/:org/pathways/:id/delete', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      await readForm(c)
      await c.get('platform').pathways.delete(org.id, c.req.param('id'))
      return c.redirect(`/orgs/${org.slug}/pathways?done=deleted`, 303)
    })
