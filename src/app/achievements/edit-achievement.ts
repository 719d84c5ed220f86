import { PlatformError, type ErrorCode } from '../../core/errors.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { checkDefinition, formatIssues, type AchievementDefinition, type DefinitionIssue } from './definition.js'
import { completenessIssues } from './issuable.js'
import { definitionOf } from './ob-achievement.js'
import type { ImagesRepo } from '../media/images.js'
import type { AchievementRecord } from './ports.js'

type Deps = Pick<PlatformPorts, 'store' | 'random'>

/** A new achievement: the editor's fields, and optionally an uploaded or designed image. */
export interface CreateAchievementRequest {
  orgId: string
  definition: unknown
  imageId?: string | null
}

/** Changes to an achievement: fields to replace (null removes one), the image, and the version the editor started from. */
export interface UpdateAchievementRequest {
  orgId: string
  id: string
  changes: Record<string, unknown>
  imageId?: string | null
  /** When given, the update is refused (ERR_CONFLICT) if someone else saved since. */
  expectedVersion?: number
}

/** Thrown for a definition with problems: `issues` name each field, for forms to show beside it. */
export class DefinitionError extends InputError {
  override name = 'DefinitionError'
  constructor(issues: DefinitionIssue[], options: { message?: string; code?: ErrorCode } = {}) {
    super(issues, { message: options.message ?? `Achievement definition is invalid: ${formatIssues(issues)}`, ...(options.code ? { code: options.code } : {}) })
  }
}

/** Creates a draft achievement. ERR_INPUT_INVALID (a DefinitionError) naming each field at fault. */
export async function createAchievement({ store, random }: Deps, request: CreateAchievementRequest): Promise<AchievementRecord> {
  const definition = withResultIds(parse(request.definition), random)
  return store.transaction(async (tx) => {
    const imageId = await checkImage(tx.repos.images, request.imageId)
    return tx.repos.achievements.insert({ id: random.uuid(), orgId: request.orgId, state: 'draft', name: definition.name, definition: asJson(definition), imageId })
  })
}

/**
 * Edits an achievement and bumps its version; credentials already issued keep the copy they embed.
 * A published achievement must stay complete; an archived one cannot be edited (ERR_STATE_INVALID).
 */
export async function updateAchievement({ store, random }: Deps, request: UpdateAchievementRequest): Promise<AchievementRecord> {
  return store.transaction(async (tx) => {
    const repo = tx.repos.achievements
    const current = await repo.get(request.orgId, request.id)
    if (!current) throw new PlatformError('ERR_NOT_FOUND', `No achievement ${request.id} in this organization`)
    if (current.state === 'archived') throw new PlatformError('ERR_STATE_INVALID', `Achievement "${current.name}" is archived; unarchive it to edit it`)
    if (request.expectedVersion !== undefined && request.expectedVersion !== current.version)
      throw new PlatformError('ERR_CONFLICT', `Achievement "${current.name}" was changed by someone else (now version ${current.version}, you edited version ${request.expectedVersion}); reload and edit again`)
    const merged: Record<string, unknown> = { ...definitionOf(current) }
    for (const [key, value] of Object.entries(request.changes)) {
      if (value === null) delete merged[key]
      else merged[key] = value
    }
    const definition = withResultIds(parse(merged), random)
    if (current.state === 'published') {
      const missing = completenessIssues(definition)
      if (missing.length > 0) throw new DefinitionError(missing.map((i) => ({ ...i, message: 'is required while the achievement is published' })))
    }
    const imageId = request.imageId === undefined ? current.imageId : await checkImage(tx.repos.images, request.imageId)
    const updated = await repo.update(request.orgId, request.id, current.version, { name: definition.name, definition: asJson(definition), imageId })
    if (!updated) throw new PlatformError('ERR_CONFLICT', `Achievement "${current.name}" was changed by someone else; reload and edit again`)
    return updated
  })
}

function parse(input: unknown): AchievementDefinition {
  const checked = checkDefinition(input)
  if (!checked.ok) throw new DefinitionError(checked.issues)
  return checked.definition
}

// Results of issued credentials cite a ResultDescription by id, so each gets a stable one once.
function withResultIds(definition: AchievementDefinition, random: PlatformPorts['random']): AchievementDefinition {
  if (!definition.resultDescription?.some((r) => !r.id)) return definition
  return { ...definition, resultDescription: definition.resultDescription.map((r) => (r.id ? r : { id: `urn:uuid:${random.uuid()}`, ...r })) }
}

// Images are public and content-addressed (the id is the SHA-256 of the bytes), so any stored one may be used
// (an organization's: `mediaType` does not see the images learners imported into their wallets).
async function checkImage(repo: ImagesRepo, imageId: string | null | undefined): Promise<string | null> {
  if (imageId === undefined || imageId === null) return null
  if (typeof imageId !== 'string' || !/^[0-9a-f]{64}$/.test(imageId) || !(await repo.mediaType(imageId)))
    throw new DefinitionError([{ path: 'imageId', code: 'invalid', message: 'is not an uploaded or designed image; upload one first' }])
  return imageId
}

const asJson = (definition: AchievementDefinition): Record<string, unknown> => definition as unknown as Record<string, unknown>
