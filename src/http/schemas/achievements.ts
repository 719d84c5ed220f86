// The achievements, images and skills API's schemas and operations (routes/api/achievements.ts).
// An achievement's body is the app's definition schema (the use case checks it), annotated here.
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { LIST_LIMITS } from '../../app/achievements/find-achievements.js'
import { BADGE_ICONS, BADGE_SHAPES, badgeDesignSchema } from '../../app/media/badge-design.js'
import { SEARCH_LIMITS } from '../../app/skills/search-skills.js'
import { annotate } from '../openapi/annotate.js'
import { ACCESS, bytes, header, json, jsonBody, needs } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { binary, choiceQuery, cursorQuery, idParam, orgParam, pageOf, textQuery, timestamp, wholeNumberQuery } from './common.js'
import { achievementDefinitionSchema } from './definition.js'

annotate(badgeDesignSchema, {
  id: 'BadgeDesign',
  description: 'A badge for the designer to draw (512 × 512 SVG). The foreground needs a contrast of at least 3:1 with the background.',
  fields: {
    title: 'The big text (at most 40 characters; two lines at most)',
    subtitle: 'A smaller line below it (at most 32 characters)',
    shape: `One of ${BADGE_SHAPES.join(', ')}`,
    icon: `One of ${BADGE_ICONS.join(', ')}`,
    background: 'The shape’s colour, `#rrggbb`',
    foreground: 'The colour of the icon and text, `#rrggbb`',
    accent: 'The inner ring’s colour, `#rrggbb` (default: the foreground)',
  },
})

const imageIdField = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .nullable()
  .describe('An uploaded or designed image (`POST …/images`, `POST …/images/design`); null removes it')

/** `POST …/achievements`: the definition, and optionally an image. */
export const newAchievementBody = achievementDefinitionSchema.extend({ imageId: imageIdField.optional() }).meta({ id: 'NewAchievement' })

/** `PATCH …/achievements/{id}`: any definition fields to replace (null removes one), the image, the version edited. */
export const achievementChangeBody = z
  .strictObject({
    ...Object.fromEntries(Object.entries(achievementDefinitionSchema.shape).map(([name, field]) => [name, (field as z.ZodType).nullable().optional()])),
    imageId: imageIdField.optional(),
    version: z.number().int().optional().describe('The version you edited: the change is refused (409) if someone saved since'),
  })
  .meta({ id: 'AchievementChange', description: 'The fields to replace; the merged definition is checked as a whole (AchievementDefinition).' })

/** An achievement as the API shows it: the record, its definition, and the OB 3.0 Achievement credentials embed. */
export const achievementSchema = z
  .object({
    id: z.string(),
    state: z.enum(['draft', 'published', 'archived']).describe('Only published achievements can be issued'),
    name: z.string(),
    version: z.number().int().describe('Goes up by one with every change'),
    imageId: z.string().nullable(),
    imageUrl: z.string().nullable(),
    url: z.string().describe('The public URL of the achievement (its OB 3.0 id)'),
    createdAt: timestamp,
    updatedAt: timestamp,
    definition: achievementDefinitionSchema,
    achievement: z.record(z.string(), z.unknown()).describe('The Open Badges 3.0 `Achievement` credentials of this version embed'),
  })
  .meta({ id: 'Achievement' })

const imageSchema = z
  .object({ id: z.string().describe('SHA-256 of the bytes'), url: z.string(), mediaType: z.enum(['image/png', 'image/svg+xml']), width: z.number().int(), height: z.number().int() })
  .meta({ id: 'Image' })

/** `GET …/achievements` query. */
export const listAchievementsQuery = z.object({
  state: choiceQuery(['draft', 'published', 'archived'], 'Only achievements in this state'),
  q: textQuery(100, 'Part of the name'),
  limit: wholeNumberQuery({ min: 1, max: LIST_LIMITS.max, fallback: LIST_LIMITS.default, description: 'How many per page' }),
  cursor: cursorQuery,
})

/** `GET /skills` query. */
export const searchSkillsQuery = z.object({
  q: z.string().max(100, 'must be at most 100 characters').default('').describe('Part of a label (preferred, alternative or hidden); label prefixes rank first'),
  framework: z
    .preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9][a-z0-9._-]{0,40}$/, 'must be a framework name such as esco, onet or emblem-demo').optional())
    .describe('Only this framework: `esco`, `onet`, `emblem-demo`, …'),
  limit: wholeNumberQuery({ min: 1, max: SEARCH_LIMITS.max, fallback: SEARCH_LIMITS.default, description: 'How many results' }),
})

const skillSchema = z
  .object({
    id: z.string(),
    framework: z.string(),
    code: z.string().nullable().describe("The framework's code (ESCO: the URI's UUID; O*NET: the Element ID)"),
    kind: z.enum(['skill', 'knowledge']),
    preferredLabel: z.string(),
    altLabels: z.array(z.string()),
    description: z.string(),
  })
  .meta({ id: 'Skill' })

const org = z.object({ org: orgParam })
const achievement = z.object({ org: orgParam, id: idParam('The achievement id') })
const tags = ['Achievements']
const example = {
  name: 'Data Analysis with Python',
  description: 'Cleans, explores and visualises data sets with pandas.',
  criteria: { narrative: 'Completed four graded notebooks and a final project.' },
  learningOutcomes: ['Load and clean tabular data', 'Choose and draw a suitable chart'],
  workloadHours: 50,
  ects: 2,
  eqfLevel: 5,
  participation: 'online',
}

export const listAchievements = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/achievements',
  operationId: 'listAchievements',
  tags,
  summary: 'Achievements',
  description: `${needs('viewer')} Newest first.`,
  security: ACCESS.read,
  request: { params: org, query: listAchievementsQuery },
  responses: { 200: json(pageOf(achievementSchema), 'A page of achievements'), ...problems(400, 401, 404) },
})

export const createAchievement = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/achievements',
  operationId: 'createAchievement',
  tags,
  summary: 'Create an achievement',
  description: `${needs('admin')} Creates a draft; only \`name\` is needed for one. Publishing needs a description, criteria and an image.`,
  security: ACCESS.write,
  request: { params: org, body: jsonBody(newAchievementBody, { example }) },
  responses: { 201: { ...json(achievementSchema, 'The draft'), headers: { Location: header('The achievement') } }, ...problems(400, 401, 403, 404, 413) },
})

export const getAchievement = createRoute({
  method: 'get',
  path: '/api/v1/orgs/{org}/achievements/{id}',
  operationId: 'getAchievement',
  tags,
  summary: 'An achievement',
  description: needs('viewer'),
  security: ACCESS.read,
  request: { params: achievement },
  responses: { 200: json(achievementSchema, 'The achievement'), ...problems(401, 404) },
})

export const patchAchievement = createRoute({
  method: 'patch',
  path: '/api/v1/orgs/{org}/achievements/{id}',
  operationId: 'updateAchievement',
  tags,
  summary: 'Edit an achievement',
  description: `${needs('admin')} Replaces the fields given (null removes one) and bumps the version; credentials already issued keep the copy they embed. A published achievement must stay complete; an archived one cannot be edited.`,
  security: ACCESS.write,
  request: { params: achievement, body: jsonBody(achievementChangeBody, { example: { version: 3, ects: 3, workloadHours: 75 } }) },
  responses: { 200: json(achievementSchema, 'The achievement, changed'), ...problems(400, 401, 403, 404, [409, 'Someone saved since `version`, or the achievement is archived'], 413) },
})

const stateChange = (action: 'publish' | 'archive' | 'unarchive', summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/orgs/{org}/achievements/{id}/${action}`,
    operationId: `${action}Achievement`,
    tags,
    summary,
    description: `${needs('admin')} ${description}`,
    security: ACCESS.write,
    request: { params: achievement },
    responses: { 200: json(achievementSchema, 'The achievement'), ...problems(401, 403, 404, [409, 'Not allowed in its current state (or incomplete, for publishing)']) },
  })

export const publishAchievement = stateChange('publish', 'Publish an achievement', 'It can then be issued. Needs a description, criteria and a badge image (`imageId`): without them, 409 with each missing field in `errors`.')
export const archiveAchievement = stateChange('archive', 'Archive an achievement', 'No more credentials can be issued for it; issued ones stay valid.')
export const unarchiveAchievement = stateChange('unarchive', 'Unarchive an achievement', 'It becomes a draft again.')

export const uploadImage = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/images',
  operationId: 'uploadImage',
  tags: ['Badge images'],
  summary: 'Upload a badge image',
  description: `${needs('admin')} Send the image itself as the body. SVG is sanitized (scripts, external references and events removed); PNG and SVG must be square enough and within the size caps.`,
  security: ACCESS.write,
  request: { params: org, body: { required: true, ...bytes(binary, ['image/png', 'image/svg+xml'], 'The image') } },
  responses: { 201: { ...json(imageSchema, 'Stored'), headers: { Location: header('`/images/{id}`') } }, ...problems(401, 403, 404, 413, [422, 'Not a PNG or SVG image this instance accepts']) },
})

export const designImage = createRoute({
  method: 'post',
  path: '/api/v1/orgs/{org}/images/design',
  operationId: 'designImage',
  tags: ['Badge images'],
  summary: 'Design a badge',
  description: `${needs('admin')} Draws a badge from a shape, an icon, colours and a title, and stores it as an SVG image.`,
  security: ACCESS.write,
  request: { params: org, body: jsonBody(badgeDesignSchema, { example: { shape: 'shield', icon: 'code', title: 'TypeScript Foundations', background: '#1f4e79' } }) },
  responses: { 201: { ...json(imageSchema, 'Stored'), headers: { Location: header('`/images/{id}`') } }, ...problems(400, 401, 403, 404, 413) },
})

export const searchSkills = createRoute({
  method: 'get',
  path: '/api/v1/skills',
  operationId: 'searchSkills',
  tags: ['Skills'],
  summary: 'Search skills',
  description: 'Skills whose labels contain `q`, for aligning achievements. Anyone signed in or holding an API key may search. `attribution` carries what each framework’s licence asks you to show.',
  security: ACCESS.read,
  request: { query: searchSkillsQuery },
  responses: {
    200: json(z.object({ items: z.array(skillSchema), attribution: z.record(z.string(), z.string()).optional().describe('Attribution text per framework in the results') }), 'The skills, best matches first'),
    ...problems(400, 401),
  },
})

/** The achievement, image and skills operations. */
export const achievementOperations = [
  listAchievements,
  createAchievement,
  getAchievement,
  patchAchievement,
  publishAchievement,
  archiveAchievement,
  unarchiveAchievement,
  uploadImage,
  designImage,
  searchSkills,
]
