// The occupations, career planner and demand signals API's schemas and operations
// (routes/api/career.ts, issue #12 items 1, 6 and 7).
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { OCCUPATION_SEARCH_LIMITS } from '../../app/occupations/occupations-use-cases.js'
import { ACCESS, json, jsonBody } from '../openapi/describe.js'
import { problems } from '../openapi/problem.js'
import { idParam, listOf, wholeNumberQuery } from './common.js'

const tags = ['Skills']
const careerTags = ['Career']

export const searchOccupationsQuery = z.object({
  q: z.string().max(100, 'must be at most 100 characters').default('').describe('Part of a label (preferred, alternative or hidden); label prefixes rank first'),
  framework: z
    .preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[a-z0-9][a-z0-9._-]{0,40}$/, 'must be a framework name such as esco, onet or emblem-demo').optional())
    .describe('Only this framework: `esco`, `onet`, `emblem-demo`'),
  limit: wholeNumberQuery({ min: 1, max: OCCUPATION_SEARCH_LIMITS.max, fallback: OCCUPATION_SEARCH_LIMITS.default, description: 'How many results' }),
})

export const careerQuery = z.object({
  occupation: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(2000, 'must be at most 2000 characters').optional()).describe('The occupation’s URI (ESCO or O*NET); default: your first target'),
})

export const careerTargetInput = z.object({
  occupations: z.array(z.string().min(1).max(2000), 'must be a list of occupation URIs').max(5, 'must list at most 5 occupations').describe('Your target occupations, the current one first; [] clears them'),
})

const occupationSchema = z
  .object({
    uri: z.string().describe('The ESCO or O*NET URI (demo occupations: `urn:emblem:occupation:…`)'),
    label: z.string(),
    framework: z.string().describe('`esco`, `onet` or `emblem-demo`'),
    code: z.string().nullable().describe('ESCO code (`2512.4`) or O*NET-SOC code (`15-1252.00`)'),
    iscoGroup: z.string().nullable().describe('ISCO-08 unit group (ESCO)'),
    altLabels: z.array(z.string()),
    description: z.string(),
    url: z.string().describe('Its page on this instance'),
  })
  .meta({ id: 'Occupation' })

const occupationDetailSchema = occupationSchema
  .extend({
    skills: z.array(
      z.object({
        uri: z.string(),
        label: z.string(),
        relation: z.enum(['essential', 'optional']),
        category: z.enum(['skill', 'knowledge', 'ability', 'technology']),
        importance: z.number().nullable().describe('O*NET importance 1–5 (essential from 3)'),
      }),
    ),
    broader: z.array(z.object({ uri: z.string(), label: z.string(), framework: z.string(), code: z.string().nullable() })).describe('Broader occupations and ISCO-08 groups, nearest first'),
    release: z.string().nullable().describe('The framework release imported'),
    attribution: z.string().optional().describe('What the framework’s licence asks you to show'),
  })
  .meta({ id: 'OccupationDetail' })

const careerSchema = z
  .object({
    occupation: z.string().describe('The occupation’s URI'),
    label: z.string(),
    framework: z.string(),
    covered: z.array(
      z.object({
        skill: z.string().describe('The skill’s URI'),
        label: z.string(),
        relation: z.enum(['essential', 'optional']),
        credentials: z.array(z.string()).describe('Wallet credential ids that cover it'),
        because: z
          .array(z.object({ skill: z.string(), label: z.string(), match: z.enum(['direct', 'narrower']), credentials: z.array(z.string()) }))
          .describe('Why: a credential aligned to the skill itself (`direct`) or to a narrower skill in the hierarchy (`narrower`)'),
      }),
    ),
    gap: z.array(z.object({ skill: z.string(), label: z.string(), relation: z.enum(['essential', 'optional']) })).describe('Missing skills, essential first'),
    programs: z
      .array(z.object({ id: z.string(), title: z.string(), covers: z.array(z.string()), hours: z.number().nullable(), price: z.number().nullable(), currency: z.string().optional(), url: z.string().optional() }))
      .describe('Catalog programs covering part of the gap, most of it per hour and per unit of price first'),
    essential: z.object({ covered: z.number().int(), total: z.number().int() }),
  })
  .meta({ id: 'CareerPlan' })

const targetsSchema = z.object({ items: z.array(occupationSchema) }).meta({ id: 'CareerTargets' })

const demandRowSchema = z.object({
  skill: z.string(),
  label: z.string(),
  learners: z.number().int().describe('Learners whose target occupations ask for it'),
  essentialLearners: z.number().int().describe('… as an essential skill'),
  occupations: z.number().int().describe('Targeted occupations asking for it'),
  programs: z.number().int().describe('Catalog programs teaching it'),
})

const demandSchema = z
  .object({
    minGroupSize: z.number().int().describe('Nothing about fewer learners than this is shown'),
    learners: z.number().int().nullable().describe('Learners with a target occupation; null (and empty lists) below the minimum group size'),
    mostAsked: z.array(demandRowSchema),
    leastCovered: z.array(demandRowSchema),
  })
  .meta({ id: 'SkillDemand' })

const towardsSchema = z
  .object({
    credential: z.object({ id: z.string(), name: z.string(), verified: z.boolean().describe('Only verified, unrevoked, unexpired credentials count') }),
    items: z.array(
      z.object({
        occupation: occupationSchema,
        skills: z.array(z.object({ skill: z.string(), label: z.string(), relation: z.enum(['essential', 'optional']) })).describe('Its skills this credential covers'),
        total: z.number().int(),
        essential: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CredentialOccupations' })

const occupationParam = z.object({ uri: idParam('The occupation’s URI, percent-encoded as one path segment') })

export const searchOccupations = createRoute({
  method: 'get',
  path: '/api/v1/occupations',
  operationId: 'searchOccupations',
  tags,
  summary: 'Search occupations',
  description: 'Occupations (ESCO, O*NET, or the demo set) whose preferred or alternative labels contain `q`. Public reference data: no credentials needed.',
  security: ACCESS.public,
  request: { query: searchOccupationsQuery },
  responses: { 200: json(listOf(occupationSchema).extend({ attribution: z.record(z.string(), z.string()).optional() }), 'The occupations, best matches first'), ...problems(400) },
})

export const getOccupation = createRoute({
  method: 'get',
  path: '/api/v1/occupations/{uri}',
  operationId: 'getOccupation',
  tags,
  summary: 'An occupation and its skills',
  description: 'Its essential and optional skills (O*NET: with importance), broader occupations and ISCO-08 groups, and the release imported.',
  security: ACCESS.public,
  request: { params: occupationParam },
  responses: { 200: json(occupationDetailSchema, 'The occupation'), ...problems(400, [404, 'No such occupation']) },
})

export const getCareer = createRoute({
  method: 'get',
  path: '/api/v1/me/career',
  operationId: 'getCareerPlan',
  tags: careerTags,
  summary: 'Your plan toward an occupation',
  description:
    'Which of the occupation’s skills your verified, unrevoked, unexpired wallet credentials cover (and why: the skill itself or a narrower one in the hierarchy), the gap (essential first), and catalog programs that close it.',
  security: ACCESS.personRead,
  request: { query: careerQuery },
  responses: { 200: json(careerSchema, 'The plan'), ...problems(400, 401, [404, 'No such occupation, or no target saved']) },
})

export const getCareerTarget = createRoute({
  method: 'get',
  path: '/api/v1/me/career/target',
  operationId: 'getCareerTargets',
  tags: careerTags,
  summary: 'Your target occupations',
  security: ACCESS.personRead,
  responses: { 200: json(targetsSchema, 'Your targets, the current one first'), ...problems(401) },
})

export const putCareerTarget = createRoute({
  method: 'put',
  path: '/api/v1/me/career/target',
  operationId: 'saveCareerTargets',
  tags: careerTags,
  summary: 'Save your target occupations',
  description: 'Replaces your targets (at most 5, known occupations only). Aggregated, with no personal data, they feed the demand signals.',
  security: ACCESS.personWrite,
  request: { body: jsonBody(careerTargetInput, { example: { occupations: ['http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1'] } }) },
  responses: { 200: json(targetsSchema, 'Saved'), ...problems(400, 401, 403, 413) },
})

export const getCredentialOccupations = createRoute({
  method: 'get',
  path: '/api/v1/me/career/credentials/{id}',
  operationId: 'getCredentialOccupations',
  tags: careerTags,
  summary: 'Occupations a credential moves you toward',
  description: 'Occupations asking for the skills one of your wallet credentials is aligned to (or broader ones), most of their skills covered first. An unverified credential moves you toward none.',
  security: ACCESS.personRead,
  request: { params: z.object({ id: idParam('Wallet credential id') }) },
  responses: { 200: json(towardsSchema, 'The occupations'), ...problems(401, [404, 'Not in your wallet']) },
})

export const getSkillDemand = createRoute({
  method: 'get',
  path: '/api/v1/insights/skills',
  operationId: 'getSkillDemand',
  tags: careerTags,
  summary: 'Demand signals',
  description: 'The skills learners’ target occupations ask for most, and those the catalog covers least. Aggregated, no personal data; a skill is shown only when at least `minGroupSize` learners’ targets ask for it.',
  security: ACCESS.read,
  responses: { 200: json(demandSchema, 'The signals'), ...problems(401) },
})

/** The occupation operations (Skills section) and the career ones. */
export const occupationOperations = [searchOccupations, getOccupation]
export const careerOperations = [getCareer, getCareerTarget, putCareerTarget, getCredentialOccupations, getSkillDemand]
