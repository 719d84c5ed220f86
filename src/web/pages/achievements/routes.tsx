import { Hono, type Context } from 'hono'
import { DefinitionError } from '../../../app/achievements/edit-achievement.js'
import { definitionOf, obAchievement } from '../../../app/achievements/ob-achievement.js'
import type { AchievementRecord, AchievementState } from '../../../app/achievements/ports.js'
import type { BadgeDesign } from '../../../app/media/badge-design.js'
import type { DefinitionIssue } from '../../../app/achievements/definition.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { hasRole, MIN_ROLE, type RoleName } from '../../../app/platform/roles.js'
import type { SkillRecord } from '../../../app/skills/ports.js'
import { isPlatformError, PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readForm, readFormAll, readUploadedBytes } from '../../../http/request.js'
import type { FieldErrors } from '../../components/form.js'
import { render, tOf } from '../../kit/render.js'
import { AchievementView } from './achievement-view.js'
import { defaultDesign, designErrorsOf, DesignerView, DESIGN_FIELDS, type DesignValues } from './designer-view.js'
import { alignmentOfSkill, fieldErrorsOf, one, readEditorForm, stateOfDefinition, type EditorState } from './editor-form.js'
import { EditorView } from './editor-view.js'
import { ACHIEVEMENT_STATES, AchievementListView } from './list-view.js'

type Access = { org: OrgRef; role: RoleName }

/**
 * Achievement pages: the list (/orgs/:org/achievements), the editor (…/new, …/:id/edit, with a
 * skills picker), the view with publish / archive / unarchive (…/:id), and the badge designer
 * and upload (…/:id/image). Viewers read; admins and owners write.
 */
export const achievementPages = (): Hono =>
  new Hono()
    .get('/orgs/:org/achievements', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const asked = c.req.query('state') ?? ''
      const state: '' | AchievementState = ACHIEVEMENT_STATES.find((s) => s === asked) ?? ''
      const q = (c.req.query('q') ?? '').slice(0, 100)
      const page = await c.get('platform').achievements.list(org.id, { state: state || undefined, q, cursor: c.req.query('cursor') })
      const model = { org, role, items: page.items, nextCursor: page.nextCursor, state, q, canManage: hasRole(role, MIN_ROLE.manage) }
      return render(c, <AchievementListView model={model} />, { title: tOf(c).t('ach.list.pageTitle', { org: org.name }) })
    })
    .get('/orgs/:org/achievements/new', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return showEditor(c, access, undefined, stateOfDefinition({}))
    })
    .post('/orgs/:org/achievements/new', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return submitEditor(c, access, undefined)
    })
    .get('/orgs/:org/achievements/:id', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      return showAchievement(c, access, record)
    })
    .get('/orgs/:org/achievements/:id/edit', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      if (record.state === 'archived') throw new PlatformError('ERR_STATE_INVALID', `Achievement "${record.name}" is archived; unarchive it to edit it`)
      return showEditor(c, access, record, stateOfDefinition(definitionOf(record), record.version))
    })
    .post('/orgs/:org/achievements/:id/edit', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      return submitEditor(c, access, record)
    })
    .post('/orgs/:org/achievements/:id/:action{publish|archive|unarchive}', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const id = c.req.param('id')
      const action = c.req.param('action') as 'publish' | 'archive' | 'unarchive'
      try {
        await c.get('platform').achievements[action](access.org.id, id)
      } catch (err) {
        if (!(err instanceof DefinitionError)) throw err
        return showAchievement(c, access, await c.get('platform').achievements.get(access.org.id, id), err.issues)
      }
      return c.redirect(`/orgs/${access.org.slug}/achievements/${id}`, 303)
    })
    .get('/orgs/:org/achievements/:id/image', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      return showDesigner(c, access, record, { values: defaultDesign(record) })
    })
    .post('/orgs/:org/achievements/:id/image', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      const body = await readForm(c)
      const values = Object.fromEntries(DESIGN_FIELDS.map((k) => [k, body[k] ?? ''])) as DesignValues
      let svg: string
      try {
        svg = c.get('platform').achievements.previewDesign(designOf(values))
      } catch (err) {
        if (!isPlatformError(err, 'ERR_INPUT_INVALID')) throw err
        return showDesigner(c, access, record, { values, errors: designErrorsOf(err.message) })
      }
      if (body.intent !== 'save') return showDesigner(c, access, record, { values, svg: previewSize(svg) })
      const image = await c.get('platform').achievements.designImage(access.org.id, designOf(values))
      await c.get('platform').achievements.update({ orgId: access.org.id, id: record.id, changes: {}, imageId: image.id })
      return c.redirect(`/orgs/${access.org.slug}/achievements/${record.id}`, 303)
    })
    .post('/orgs/:org/achievements/:id/image/upload', async (c) => {
      const access = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.get('platform').achievements.get(access.org.id, c.req.param('id'))
      const t = tOf(c)
      const refuse = (uploadError: string) => showDesigner(c, access, record, { values: defaultDesign(record), uploadError })
      // The file is read under the image cap: past it the upload stops and the form says so.
      let file: Awaited<ReturnType<typeof readUploadedBytes>>
      try {
        file = await readUploadedBytes(c, { field: 'file', maxBytes: c.get('platform').achievements.imageLimits.maxBytes, what: 'The image' })
      } catch (err) {
        if (!isPlatformError(err, 'ERR_INPUT_TOO_LARGE')) throw err
        return refuse(t.t('ach.design.tooLarge'))
      }
      if (!file) return refuse(t.t('ach.design.noFile'))
      try {
        const image = await c.get('platform').achievements.uploadImage(access.org.id, { bytes: file.bytes, mediaType: file.mimeType || undefined })
        await c.get('platform').achievements.update({ orgId: access.org.id, id: record.id, changes: {}, imageId: image.id })
      } catch (err) {
        if (!isPlatformError(err, 'ERR_IMAGE_INVALID') && !isPlatformError(err, 'ERR_INPUT_TOO_LARGE')) throw err
        return refuse(t.t('ach.design.invalid', { reason: err.message }))
      }
      return c.redirect(`/orgs/${access.org.slug}/achievements/${record.id}`, 303)
    })

/** The achievement's page; with the problems that kept it from being published (422). */
async function showAchievement(c: Context, { org, role }: Access, record: AchievementRecord, problems?: readonly DefinitionIssue[]) {
  const embedded = obAchievement(record, { publicUrl: c.get('platform').publicUrl, orgSlug: org.slug })
  const endorsements = await c.get('platform').endorsements.forAchievement(org.slug, record.id, c.get('fetchLocal'))
  const pathways = await c.get('platform').pathways.leadingTo(record.id)
  return render(c, <AchievementView model={{ org, role, record, embedded, problems, endorsements, pathways }} />, {
    title: tOf(c).t('ach.view.pageTitle', { name: record.name, org: org.name }),
    status: problems?.length ? 422 : 200,
  })
}

/** The editor, 422 when it shows errors. */
function showEditor(c: Context, { org, role }: Access, record: AchievementRecord | undefined, state: EditorState, extra: { errors?: FieldErrors; skillResults?: SkillRecord[] } = {}) {
  const t = tOf(c)
  const achievement = record ? { id: record.id, name: record.name } : undefined
  const failed = extra.errors !== undefined && Object.keys(extra.errors).length > 0
  const title = record ? t.t('ach.editor.editTitle', { name: record.name }) : t.t('ach.editor.newTitle')
  return render(c, <EditorView model={{ org, role, achievement, state, ...extra }} />, { title: `${title} · ${org.name}`, status: failed ? 422 : 200 })
}

/** The designer, 422 when it shows errors. */
function showDesigner(c: Context, { org, role }: Access, record: AchievementRecord, extra: { values: DesignValues; svg?: string; errors?: FieldErrors; uploadError?: string }) {
  const failed = (extra.errors && Object.keys(extra.errors).length > 0) || extra.uploadError !== undefined
  return render(c, <DesignerView model={{ org, role, record, ...extra }} />, {
    title: tOf(c).t('ach.design.pageTitle', { name: record.name }),
    status: failed ? 422 : 200,
  })
}

/** Saves the editor's form (303 to the achievement), or runs its skills search and shows the form again, input kept. */
async function submitEditor(c: Context, access: Access, record: AchievementRecord | undefined) {
  const { org } = access
  const body = await readFormAll(c)
  const { state, input, addSkillIds } = readEditorForm(body)
  await addPickedSkills(c, state, input, addSkillIds)
  if (one(body, 'intent') === 'search-skills') {
    const skillResults = await c.get('platform').skills.search(state.skillQuery.slice(0, 100), { limit: 25 })
    return showEditor(c, access, record, state, { skillResults })
  }
  try {
    const saved = record
      ? await c.get('platform').achievements.update({ orgId: org.id, id: record.id, changes: fullReplacement(input), ...(state.version ? { expectedVersion: Number(state.version) } : {}) })
      : await c.get('platform').achievements.create({ orgId: org.id, definition: input })
    return c.redirect(`/orgs/${org.slug}/achievements/${saved.id}`, 303)
  } catch (err) {
    if (err instanceof DefinitionError) return showEditor(c, access, record, state, { errors: fieldErrorsOf(tOf(c), err.issues) })
    if (isPlatformError(err, 'ERR_CONFLICT')) return showEditor(c, access, record, state, { errors: { form: tOf(c).t('ach.editor.conflict') } })
    throw err
  }
}

// The form shows every field, so a field left empty removes it (null), unlike a PATCH that names only what changes.
function fullReplacement(input: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = { ...input }
  for (const name of ['description', 'fieldOfStudy', 'humanCode', 'inLanguage', 'creditsAvailable', 'workloadHours', 'ects', 'eqfLevel', 'assessmentType', 'supervision', 'participation', 'qualityAssurance', 'prerequisites', 'stackability', 'stackableTowards', 'validityMonths'])
    if (!(name in changes)) changes[name] = null
  return changes
}

/** Ticked search results and typeahead picks become alignments (on save and on another search alike), looked up so their labels are the framework's. */
async function addPickedSkills(c: Context, state: EditorState, input: Record<string, unknown>, ids: string[]): Promise<void> {
  const fresh = [...new Set(ids)].filter((id) => !state.alignments.some((a) => a.targetUrl === id)).slice(0, 100)
  if (fresh.length === 0) return
  const skills = await c.get('platform').skills.byIds(fresh)
  const picked = fresh.flatMap((id) => skills.filter((s) => s.id === id).map(alignmentOfSkill))
  state.alignments.push(...picked)
  input.alignment = [...(input.alignment as unknown[]), ...picked]
}

/** The designer form's values as a design (empty subtitle and accent left out). */
const designOf = (values: DesignValues): BadgeDesign => ({ ...values, subtitle: values.subtitle || undefined, accent: values.accent || undefined })

/** The designer's SVG at a page-friendly size (its viewBox keeps it sharp). */
const previewSize = (svg: string): string => svg.replace(/^(<svg\b[^>]*?) width="512" height="512"/, '$1 width="256" height="256"')
