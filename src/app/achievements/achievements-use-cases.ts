import type { BadgeDesign } from '../media/badge-design.js'
import type { ImageRecord } from '../media/images.js'
import type { PlatformPorts } from '../platform/ports.js'
import { archiveAchievement, publishAchievement, unarchiveAchievement } from './achievement-state.js'
import { createAchievement, updateAchievement, type CreateAchievementRequest, type UpdateAchievementRequest } from './edit-achievement.js'
import { getAchievement, listAchievements, type AchievementFilter } from './find-achievements.js'
import type { AchievementRecord } from './ports.js'
import { saveImage } from './save-image.js'

/** Micro-credential definitions, their lifecycle and their badge images. */
export interface AchievementsUseCases {
  /** The organization's achievements, newest first, filtered by state and part of the name; `nextCursor` continues. */
  list(orgId: string, filter?: AchievementFilter): Promise<{ items: AchievementRecord[]; nextCursor?: string }>
  /** The organization's published achievements (what can be issued), by name. */
  published(orgId: string): Promise<AchievementRecord[]>
  /** One achievement; ERR_NOT_FOUND otherwise (also another organization's). */
  get(orgId: string, id: string): Promise<AchievementRecord>
  /** A new draft. DefinitionError naming each field at fault. */
  create(request: CreateAchievementRequest): Promise<AchievementRecord>
  /** An edit (version + 1); ERR_CONFLICT when someone saved since `expectedVersion`. */
  update(request: UpdateAchievementRequest): Promise<AchievementRecord>
  publish(orgId: string, id: string): Promise<AchievementRecord>
  archive(orgId: string, id: string): Promise<AchievementRecord>
  unarchive(orgId: string, id: string): Promise<AchievementRecord>
  /** Checks an uploaded badge image (PNG or SVG, sanitized) and stores it. ERR_IMAGE_INVALID otherwise. */
  uploadImage(orgId: string, upload: { bytes: Uint8Array; mediaType?: string | undefined }): Promise<ImageRecord>
  /** Draws a designed badge and stores it as an SVG image. ERR_INPUT_INVALID naming each design field at fault. */
  designImage(orgId: string, design: BadgeDesign): Promise<ImageRecord>
  /** A designed badge's SVG, not stored (the designer's preview). ERR_INPUT_INVALID as {@link designImage}. */
  previewDesign(design: BadgeDesign): string
  /** The largest image an upload may be, and its side limits. */
  readonly imageLimits: { readonly maxBytes: number; readonly minSide: number; readonly maxSide: number }
}

/** The achievement use cases bound to `ports`. */
export function achievementsUseCases(ports: PlatformPorts): AchievementsUseCases {
  return {
    list: (orgId, filter) => listAchievements(ports, orgId, filter),
    async published(orgId) {
      const { items } = await ports.store.repos.achievements.list(orgId, { state: 'published', limit: 200 })
      return [...items].sort((a, b) => a.name.localeCompare(b.name))
    },
    get: (orgId, id) => getAchievement(ports, orgId, id),
    create: (request) => createAchievement(ports, request),
    update: (request) => updateAchievement(ports, request),
    publish: (orgId, id) => publishAchievement(ports, orgId, id),
    archive: (orgId, id) => archiveAchievement(ports, orgId, id),
    unarchive: (orgId, id) => unarchiveAchievement(ports, orgId, id),
    uploadImage: (orgId, { bytes, mediaType }) => saveImage(ports, orgId, ports.media.checkImage(bytes, mediaType)),
    designImage: (orgId, design) => saveImage(ports, orgId, ports.media.checkImage(new TextEncoder().encode(ports.media.designBadge(design)), 'image/svg+xml')),
    previewDesign: (design) => ports.media.designBadge(design),
    imageLimits: ports.media.imageLimits,
  }
}
