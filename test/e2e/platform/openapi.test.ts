// The OpenAPI document against the app that serves it: every /api/v1 route described and nothing
// described that is not served, the public documents too, a valid OpenAPI 3.1 document, errors as
// the shared Problem, and request schemas that refuse exactly what the routes refuse.
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { achievementDefinitionSchema } from '../../../src/app/achievements/definition.js'
import { issueBodySchema } from '../../../src/app/issuance/issue-input.js'
import { badgeDesignSchema } from '../../../src/app/media/badge-design.js'
import { createOrgSchema, invitationSchema } from '../../../src/app/orgs/org-input.js'
import { issuesOfZod } from '../../../src/app/platform/input-error.js'
import type { OpenApiJson } from '../../../src/http/openapi/document.js'
import { OPERATIONS } from '../../../src/http/openapi/operations.js'
import { TAGS } from '../../../src/http/openapi/tags.js'
import { createSession, patchMe } from '../../../src/http/schemas/account.js'
import { createAchievement, designImage, searchSkills } from '../../../src/http/schemas/achievements.js'
import { issueCredential, listCredentials, revokeCredential } from '../../../src/http/schemas/issuance.js'
import { createInvitation, createOrg } from '../../../src/http/schemas/orgs.js'
import { readJson, type TestOrg, type TestPlatform, type TestSession } from '../../support/platform.js'
import { documentKeys, METHODS, routeKeys, routePattern, schemaChecker } from '../../support/openapi.js'
import { startIssuancePlatform, type IssuancePlatform } from './issuance-fixture.js'

let p: IssuancePlatform
let t: TestPlatform
let doc: OpenApiJson
let owner: TestSession
let org: TestOrg
let achievementId: string

beforeAll(async () => {
  p = await startIssuancePlatform()
  ;({ t, owner, org, achievementId } = p)
  doc = await readJson(await t.app.request('/api/openapi.json'))
})
afterAll(() => p.close())

const onApi = (keys: Set<string>) => [...keys].filter((key) => key.split(' ')[1]!.startsWith('/api/v1/')).sort()
/** A concrete path for a documented template: each `{param}` becomes `x`. */
const sample = (template: string) => template.replace(/\{[^}]+\}/g, 'x')

describe('the OpenAPI document', () => {
  it('documents every /api/v1 route the app serves, and no /api/v1 route it does not serve', () => {
    const served = onApi(routeKeys(t.app))
    const documented = onApi(documentKeys(doc))
    expect(served.length).toBeGreaterThan(40)
    expect(served.filter((key) => !documented.includes(key)), 'served but not documented').toEqual([])
    expect(documented.filter((key) => !served.includes(key)), 'documented but not served').toEqual([])
  })

  it('documents the public documents integrators fetch, and serves everything it documents', () => {
    const publicPrefixes = /^\/(credentials|status|images|log)\/|^\/c\/\{id\}\/|^\/orgs\/\{[a-z]+\}\/did\.json$|^\/(healthz|readyz)$|^\/api\/openapi\.json$/
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.method !== 'OPTIONS')
    const documented = [...documentKeys(doc)]
    for (const key of routeKeys(t.app)) {
      const [method, path] = key.split(' ') as [string, string]
      if (!publicPrefixes.test(path)) continue
      const pattern = routePattern(path.replace(/\{([^}]+)\}/g, ':$1'))
      expect(
        documented.some((d) => d.startsWith(`${method} `) && pattern.test(sample(d.split(' ')[1]!))),
        `${key} is served but not documented`,
      ).toBe(true)
    }
    for (const key of documented) {
      const [method, template] = key.split(' ') as [string, string]
      expect(routes.some((r) => r.method === method && routePattern(r.path).test(sample(template))), `${key} is documented but not served`).toBe(true)
    }
    for (const path of ['/credentials/{id}', '/c/{id}/credential.json', '/c/{id}/badge.png', '/c/{id}/certificate.pdf', '/status/{listId}', '/orgs/{slug}/did.json', '/log/checkpoint', '/log/proof/inclusion'])
      expect(doc.paths?.[path]?.get, path).toBeDefined()
  })

  it('validates as an OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
  })

  it('names this instance: its running version, and its public URL as the server', () => {
    expect(doc.info.version).toBe(t.config.version)
    expect(doc.servers).toEqual([{ url: t.config.publicUrl, description: 'This instance' }])
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['anonymousCsrf', 'apiKey', 'csrfToken', 'session'])
  })

  it('answers every error status with the shared Problem component as application/problem+json', () => {
    let errors = 0
    for (const [path, item] of Object.entries(doc.paths ?? {}))
      for (const method of METHODS)
        for (const [status, response] of Object.entries((item?.[method]?.responses ?? {}) as Record<string, any>)) {
          if (Number(status) < 400) continue
          errors += 1
          expect(response.content, `${method} ${path} ${status}`).toEqual({ 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } })
        }
    expect(errors).toBeGreaterThan(150)
    expect((doc.components?.schemas?.Problem as any).properties.errors.items).toEqual({ $ref: '#/components/schemas/InputIssue' })
  })

  it('gives each operation a unique id, a known tag, a summary, security, and a parameter for each path segment', () => {
    const ids = new Set<string>()
    const tags = new Set(TAGS.map((tag) => tag.name))
    expect(doc.tags?.map((tag) => tag.name)).toEqual(TAGS.map((tag) => tag.name))
    for (const [path, item] of Object.entries(doc.paths ?? {}))
      for (const method of METHODS) {
        const op = item?.[method] as Record<string, any> | undefined
        if (!op) continue
        const where = `${method} ${path}`
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z]+$/)
        expect(ids.has(op.operationId), `${where}: ${op.operationId} repeated`).toBe(false)
        ids.add(op.operationId)
        expect(op.tags, where).toHaveLength(1)
        expect(tags.has(op.tags[0]), where).toBe(true)
        expect(op.summary, where).toBeTruthy()
        expect(Array.isArray(op.security), where).toBe(true)
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
        expect((op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name).sort(), where).toEqual(inPath)
      }
    expect(ids.size).toBe(OPERATIONS.length)
  })

  it('has examples that fit the schemas they illustrate', () => {
    const checker = schemaChecker(doc)
    let examples = 0
    for (const [path, item] of Object.entries(doc.paths ?? {}))
      for (const method of METHODS)
        for (const [type, media] of Object.entries((item?.[method]?.requestBody as any)?.content ?? {}) as [string, any][]) {
          if (media.example === undefined) continue
          examples += 1
          expect(checker.errorsOf(media.schema, media.example), `${method} ${path} ${type}`).toEqual([])
        }
    expect(examples).toBeGreaterThan(10)
  })

  it('is served to any origin at /api/openapi.json and shown at /api/docs with every operation', async () => {
    const res = await t.app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const page = await t.app.request('/api/docs', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const operation of OPERATIONS) expect(html, operation.operationId).toContain(`id="${operation.operationId}"`)
    expect(html).toContain(`${t.config.publicUrl}/api/v1/orgs/&lt;org&gt;/achievements/&lt;achievement&gt;/credentials`)
    expect(html, 'descriptions render their Markdown').toContain('Needs the <strong>issuer</strong> role')
    expect(html).not.toContain('**')
    expect(html, 'the Problem example').toContain('urn:emblem:problem:err-input-invalid')
  })
})

/** The JSON body schema an operation documents. */
const bodySchemaOf = (route: { request?: { body?: { content: Record<string, { schema?: unknown }> } } }) => route.request!.body!.content['application/json']!.schema as z.ZodType

describe('request schemas', () => {
  it('are the very schemas the routes and use cases check bodies with', () => {
    expect(bodySchemaOf(createOrg)).toBe(createOrgSchema)
    expect(bodySchemaOf(createInvitation)).toBe(invitationSchema)
    expect(bodySchemaOf(issueCredential)).toBe(issueBodySchema)
    expect(bodySchemaOf(designImage)).toBe(badgeDesignSchema)
    const newAchievement = bodySchemaOf(createAchievement) as z.ZodObject
    for (const [name, field] of Object.entries(achievementDefinitionSchema.shape)) expect(newAchievement.shape[name], name).toBe(field)
  })

  /** Sends `body` to the operation and expects a 400 naming the fields `schema` names for it. */
  async function refusesLikeItsSchema(schema: z.ZodType, request: () => Promise<Response>, body: unknown) {
    const parsed = schema.safeParse(body)
    expect(parsed.success).toBe(false)
    const expected = new Set(issuesOfZod(parsed.error!).map((issue) => issue.path))
    const res = await request()
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem = await readJson(res)
    expect(new Set(problem.errors.map((issue: { path: string }) => (issue.path === 'body' ? '' : issue.path)))).toEqual(expected)
  }

  it('refuse the bodies their routes refuse, naming the same fields', async () => {
    const apiKey = await t.seedApiKey(org, 'admin')
    const cases: [z.ZodType, string, string, unknown, TestSession | string][] = [
      [bodySchemaOf(createSession), 'POST', '/api/v1/sessions', { email: 'a@example.org', pasword: 'typo' }, owner],
      [bodySchemaOf(patchMe), 'PATCH', '/api/v1/me', { name: 7 }, owner],
      [createOrgSchema, 'POST', '/api/v1/orgs', { name: ' ', country: 'Atlantis', suite: 'rsa' }, owner],
      [invitationSchema, 'POST', `/api/v1/orgs/${org.slug}/invitations`, { email: 'not an address', role: 'king' }, apiKey],
      [issueBodySchema, 'POST', `/api/v1/orgs/${org.slug}/achievements/${achievementId}/credentials`, { recipient: { email: 'x'.repeat(300), name: 'A' }, extra: true }, apiKey],
      [badgeDesignSchema, 'POST', `/api/v1/orgs/${org.slug}/images/design`, { title: 'Data', shape: 'blob', background: 'red' }, apiKey],
      [bodySchemaOf(revokeCredential), 'POST', `/api/v1/orgs/${org.slug}/credentials/urn:uuid:00000000-0000-4000-8000-000000000000/revoke`, { reason: 'x'.repeat(501) }, apiKey],
    ]
    for (const [schema, method, path, body, as] of cases) await refusesLikeItsSchema(schema, () => t.request(path, { as, method, json: body }), body)
  })

  it('refuse the query strings their routes refuse, naming the same parameters', async () => {
    const cases: [z.ZodType, string, Record<string, string>][] = [
      [listCredentials.request.query, `/api/v1/orgs/${org.slug}/credentials`, { limit: '0', state: 'lost', cursor: '!' }],
      [searchSkills.request.query, '/api/v1/skills', { limit: 'ten', framework: 'ES CO' }],
    ]
    for (const [schema, path, query] of cases) await refusesLikeItsSchema(schema, () => t.request(`${path}?${new URLSearchParams(query)}`, { as: owner }), query)
  })

  it('accept what their routes accept', async () => {
    const res = await t.request(`/api/v1/orgs/${org.slug}/credentials?${new URLSearchParams({ limit: '', state: 'active', q: 'x' })}`, { as: owner })
    expect(res.status).toBe(200)
    expect(listCredentials.request.query.parse({ limit: '', state: 'active', q: 'x' })).toEqual({ limit: 50, state: 'active', q: 'x' })
  })
})
