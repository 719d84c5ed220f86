import { Hono, type Context } from 'hono'
import { DefinitionError } from '../../../app/achievements/edit-achievement.js'
import type { AchievementRecord } from '../../../app/achievements/ports.js'
import { definitionOf } from '../../../app/achievements/ob-achievement.js'
import type { OrgRef } from '../../../app/platform/access-ports.js'
import { hasRole, MIN_ROLE } from '../../../app/platform/roles.js'
import type { SkillRecord } from '../../../app/skills/ports.js'
import { isPlatformError, PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readFormAll, readUploadedBytes } from '../../../http/request.js'
import type { BadgeDesign } from '../../../app/media/badge-design.js'
import { defaultDesign, designErrorsOf, designerPage, type DesignValues } from './designer-page.js'
import { alignmentOfSkill, fieldErrorsOf, readEditorForm, stateOfDefinition, type EditorState } from './editor-form.js'
import { editorPage } from './editor-page.js'
import { one } from './fields.js'
import { listPage } from './list-page.js'
import { viewPage } from './view-page.js'

const STATES = ['draft', 'published', 'archived']

/**
 * Achievement pages: the list (/orgs/:org/achievements), the editor (…/new, …/:id/edit, with a
 * skills picker), the view with publish / archive / unarchive (…/:id), and the badge designer
 * and upload (…/:id/image). Viewers read; admins and owners write.
 */
export const achievementPages = (): Hono =>
  new Hono()
    .get('/orgs/:org/achievements', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const state = STATES.includes(c.req.query('state') ?? '') ? c.req.query('state')! : ''
      const q = (c.req.query('q') ?? '').slice(0, 100)
      const page = await c.var.platform.achievements.list(org.id, { state: state || undefined, q, cursor: c.req.query('cursor') })
      return listPage(c, { org, items: page.items, nextCursor: page.nextCursor, state, q, canManage: hasRole(role, MIN_ROLE.manage) })
    })
    .get('/orgs/:org/achievements/new', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return editorPage(c, { org, state: stateOfDefinition({}) })
    })
    .post('/orgs/:org/achievements/new', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      return submitEditor(c, org, undefined)
    })
    .get('/orgs/:org/achievements/:id', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      return viewPage(c, { org, role, record })
    })
    .get('/orgs/:org/achievements/:id/edit', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      if (record.state === 'archived') throw new PlatformError('ERR_STATE_INVALID', `Achievement "${record.name}" is archived; unarchive it to edit it`)
      return editorPage(c, { org, achievement: record, state: stateOfDefinition(definitionOf(record), record.version) })
    })
    .post('/orgs/:org/achievements/:id/edit', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      return submitEditor(c, org, record)
    })
    .post('/orgs/:org/achievements/:id/:action{publish|archive|unarchive}', async (c) => {
      const { org, role } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const id = c.req.param('id')
      const action = c.req.param('action') as 'publish' | 'archive' | 'unarchive'
      try {
        await c.var.platform.achievements[action](org.id, id)
      } catch (err) {
        if (!(err instanceof DefinitionError)) throw err
        return viewPage(c, { org, role, record: await c.var.platform.achievements.get(org.id, id), problems: err.issues })
      }
      return c.redirect(`/orgs/${org.slug}/achievements/${id}`, 303)
    })
    .get('/orgs/:org/achievements/:id/image', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      return designerPage(c, { org, record, values: defaultDesign(record) })
    })
    .post('/orgs/:org/achievements/:id/image', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      const body = await readFormAll(c)
      const values = Object.fromEntries((['shape', 'icon', 'background', 'foreground', 'accent', 'title', 'subtitle'] as const).map((k) => [k, one(body, k)])) as DesignValues
      let svg: string
      try {
        svg = c.var.platform.achievements.previewDesign(designOf(values))
      } catch (err) {
        if (!isPlatformError(err, 'ERR_INPUT_INVALID')) throw err
        return designerPage(c, { org, record, values, errors: designErrorsOf(err.message) })
      }
      if (one(body, 'intent') !== 'save') return designerPage(c, { org, record, values, svg: previewSize(svg) })
      const image = await c.var.platform.achievements.designImage(org.id, designOf(values))
      await c.var.platform.achievements.update({ orgId: org.id, id: record.id, changes: {}, imageId: image.id })
      return c.redirect(`/orgs/${org.slug}/achievements/${record.id}`, 303)
    })
    .post('/orgs/:org/achievements/:id/image/upload', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.manage)
      const record = await c.var.platform.achievements.get(org.id, c.req.param('id'))
      // The file is read under the image cap: past it the upload stops and the form says so.
      let file: Awaited<ReturnType<typeof readUploadedBytes>>
      try {
        file = await readUploadedBytes(c, { field: 'file', maxBytes: c.var.platform.achievements.imageLimits.maxBytes, what: 'The image' })
      } catch (err) {
        if (!isPlatformError(err, 'ERR_INPUT_TOO_LARGE')) throw err
        return designerPage(c, { org, record, values: defaultDesign(record), uploadError: 'The image is larger than 2 MB. Choose a smaller PNG or SVG.' })
      }
      if (!file) return designerPage(c, { org, record, values: defaultDesign(record), uploadError: 'Choose a PNG or SVG file to upload.' })
      try {
        const image = await c.var.platform.achievements.uploadImage(org.id, { bytes: file.bytes, mediaType: file.mimeType || undefined })
        await c.var.platform.achievements.update({ orgId: org.id, id: record.id, changes: {}, imageId: image.id })
      } catch (err) {
        if (!isPlatformError(err, 'ERR_IMAGE_INVALID') && !isPlatformError(err, 'ERR_INPUT_TOO_LARGE')) throw err
        return designerPage(c, { org, record, values: defaultDesign(record), uploadError: `${err.message}.` })
      }
      return c.redirect(`/orgs/${org.slug}/achievements/${record.id}`, 303)
    })

/** Saves the editor's form (303 to the achievement), or runs its skills search and shows the form again, input kept. */
async function submitEditor(c: Context, org: OrgRef, record: AchievementRecord | undefined) {
  const body = await readFormAll(c)
  const { state, input, addSkillIds } = readEditorForm(body)
  await addPickedSkills(c, state, input, addSkillIds)
  const show = (extra: { errors?: Record<string, string>; skillResults?: SkillRecord[] } = {}) =>
    editorPage(c, { org, ...(record ? { achievement: record } : {}), state, ...extra })
  if (one(body, 'intent') === 'search-skills') {
    const skillResults = await c.var.platform.skills.search(state.skillQuery.slice(0, 100), { limit: 25 })
    return show({ skillResults })
  }
  try {
    const saved = record
      ? await c.var.platform.achievements.update({ orgId: org.id, id: record.id, changes: fullReplacement(input), ...(state.version ? { expectedVersion: Number(state.version) } : {}) })
      : await c.var.platform.achievements.create({ orgId: org.id, definition: input })
    return c.redirect(`/orgs/${org.slug}/achievements/${saved.id}`, 303)
  } catch (err) {
    if (err instanceof DefinitionError) return show({ errors: fieldErrorsOf(err.issues) })
    if (isPlatformError(err, 'ERR_CONFLICT')) return show({ errors: { form: err.message } })
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

/** Ticked search results become alignments (on save and on another search alike), looked up so their labels are the framework's. */
async function addPickedSkills(c: Context, state: EditorState, input: Record<string, unknown>, ids: string[]): Promise<void> {
  const fresh = [...new Set(ids)].filter((id) => !state.alignments.some((a) => a.targetUrl === id)).slice(0, 100)
  if (fresh.length === 0) return
  const skills = await c.var.platform.skills.byIds(fresh)
  const picked = fresh.flatMap((id) => skills.filter((s) => s.id === id).map(alignmentOfSkill))
  state.alignments.push(...picked)
  input.alignment = [...(input.alignment as unknown[]), ...picked]
}

/** The designer form's values as a design (empty subtitle and accent left out). */
const designOf = (values: DesignValues): BadgeDesign => ({ ...values, subtitle: values.subtitle || undefined, accent: values.accent || undefined })

/** The designer's SVG at a page-friendly size (its viewBox keeps it sharp). */
const previewSize = (svg: string): string => svg.replace(/^(<svg\b[^>]*?) width="512" height="512"/, '$1 width="256" height="256"')
