// The access matrix's rule table (issue #11 item 4): who may call each route of the app.
//
// Every route of the real app (Hono's `app.routes`) must be classified here, or the matrix test
// fails naming it. Rules are tried in order; the first whose pattern matches `METHOD /path` wins.
// The /api/v1 routes mostly classify themselves from the OpenAPI document (its security
// requirement and the "Needs the … role" sentence every organization operation starts with), so
// only pages and the exceptions need a line here. To classify a new route, add a line near its
// neighbours: a RegExp on `METHOD /path/:param` and one of the access classes below.
import type { RoleName } from '../../../src/app/platform/roles.js'

export type Access =
  /** Anyone, signed in or not, with or without an API key. */
  | { kind: 'public' }
  /** A signed-in person (an unconfirmed address too); API keys are refused. `lookup`: the route finds its subject from the query or body, so the matrix's empty request may answer 404. */
  | { kind: 'user'; lookup?: boolean }
  /** A signed-in person whose address is confirmed; API keys are refused. */
  | { kind: 'confirmed' }
  /** A signed-in person or any API key (the answer is about the caller, e.g. "my organizations"). */
  | { kind: 'user-or-key' }
  /** A member of the organization in the path with at least `least`; its API keys with that role too unless `person`. */
  | { kind: 'org'; least: RoleName; person?: boolean }
  /** An instance administrator (EMBLEM_ADMIN_EMAILS). */
  | { kind: 'admin' }
  /** Who may depends on a secret in the path (claim, invitation, share links): whoever holds it; the matrix only checks no 5xx and the headers. */
  | { kind: 'capability' }
  /** An OAuth 2.0 access token of the OB 3.0 API only: no caller of the matrix holds one, so every one is outside (test/e2e/ob3 covers tokens). */
  | { kind: 'token' }
  /** A member of an employer organization (`?org=`, else the person's first): no caller of the matrix is one, so every one is outside (talent tests cover employers). */
  | { kind: 'employer' }

/** Whether a 404 is an acceptable answer inside (the matrix's empty request names nothing that exists). */
export const mayNotFind = (access: Access): boolean => access.kind === 'user' && access.lookup === true

/** Marks a rule that lets the OpenAPI document decide (see `fromOpenApi`). */
export const FROM_OPENAPI = 'openapi' as const

const pub: Access = { kind: 'public' }
const user: Access = { kind: 'user' }
const confirmed: Access = { kind: 'confirmed' }
const admin: Access = { kind: 'admin' }
const capability: Access = { kind: 'capability' }
const org = (least: RoleName, person = false): Access => ({ kind: 'org', least, person })

export const RULES: [RegExp, Access | typeof FROM_OPENAPI][] = [
  // Infrastructure, assets, CORS preflights, documentation.
  [/^GET \/(readyz|healthz|favicon\.ico|assets\/.*)$/, pub],
  [/^OPTIONS /, pub],
  [/^GET \/api\/(openapi\.json|docs)$/, pub],
  [/^POST \/language$/, pub],

  // Instance administration.
  [/^\w+ \/(api\/v1\/)?admin\//, admin],

  // API exceptions the document cannot say: creating an organization needs a confirmed address.
  [/^POST \/api\/v1\/orgs$/, confirmed],
  [/^GET \/api\/v1\/orgs$/, { kind: 'user-or-key' }],
  [/^POST \/api\/v1\/invitations\/:token\/accept$/, user],
  [/^POST \/api\/v1\/orgs\/:org\/api-keys$/, org('admin', true)],
  [/^GET \/api\/v1\/skills$/, { kind: 'user-or-key' }],
  // Any member may leave (their own id); removing someone else needs admin: with a made-up id, admin.
  [/^DELETE \/api\/v1\/orgs\/:org\/members\/:userId$/, org('admin')],
  // One Hono route, several documented operations (publish, archive …): the role of all of them.
  [/^POST \/api\/v1\/orgs\/:org\/achievements\/:id\/:action/, org('admin')],
  [/^POST \/api\/v1\/orgs\/:org\/credentials\/:id\/:action/, org('issuer')],
  // Employers' talent search: the employer organization comes from `?org=`.
  [/^\w+ \/api\/v1\/talent(\/.*)?$/, { kind: 'employer' }],
  [/^GET \/api\/v1\/insights\/skills$/, { kind: 'user-or-key' }],
  // Without ?occupation= the planner uses the learner's saved target: none in the matrix (404).
  [/^GET \/api\/v1\/me\/career$/, { kind: 'user', lookup: true }],
  [/^\w+ \/api\/v1\//, FROM_OPENAPI],

  // The 1EdTech OB 3.0 API: discovery is public, the rest takes the OAuth access token a learner granted.
  [/^GET \/ims\/ob\/v3p0\/discovery$/, pub],
  [/^\w+ \/ims\/ob\/v3p0\/(credentials|profile)$/, { kind: 'token' }],
  // The consent page of an authorization in progress (its id is the secret; bound to the browser that started it).
  [/^(GET|POST) \/oauth\/consent\/:uid$/, capability],
  // The OB 3.0 client's return from another host: the learner's own pending authorization (by its state).
  [/^GET \/oauth\/callback\/ob3$/, { kind: 'user', lookup: true }],
  // An issuer's push link (src/web/pages/oauth/push-view.tsx): whoever holds the link's token.
  [/^(GET|POST) \/push\/:token$/, capability],
  // The LTI 1.3 tool: its JWKS is public; login, launch and the course pages answer to the platform's signed launch and the LTI session it opens.
  [/^GET \/lti\/jwks$/, pub],
  [/^\w+ \/lti\/(login|launch|course|course\/.*|deep-link)$/, capability],

  // Public pages and documents: verification, public profiles, credentials, the transparency log.
  [/^GET \/$/, pub],
  [/^(GET|POST) \/verify$/, pub],
  [/^GET \/(credentials|c)\/:id(\/.*)?$/, pub],
  [/^GET \/orgs\/:slug(\/did\.json)?$/, pub],
  [/^GET \/(images\/:id|status\/:listId|endorsements\/:id)$/, pub],
  [/^GET \/log(\/.*)?$/, pub],
  // A witness's cosignature: no session, the Ed25519 signature of a configured witness is the credential (403 otherwise).
  [/^POST \/log\/cosignatures$/, pub],
  [/^GET \/u\/:handle(\/.*)?$/, pub],
  [/^GET \/(catalog|programs\/:id|occupations|occupations\/:uri)$/, pub],
  [/^GET \/pathways\/:id$/, pub],

  // Signing up, in and out, and recovering an account.
  [/^(GET|POST) \/(sign-up|sign-in|forgot-password|reset-password)$/, pub],
  [/^GET \/(sign-up\/check-email|forgot-password\/sent|verify-email|account\/deleted)$/, pub],
  [/^POST \/(sign-out|verify-email\/resend)$/, user],

  // Links that carry their own secret.
  [/^\w+ \/s\/:token(\/.*)?$/, capability],
  [/^GET \/claim\/:token$/, capability],
  [/^POST \/claim\/:token\/(decline|new-link)$/, capability],
  [/^POST \/claim\/:token(\/wallet)?$/, capability],
  [/^(GET|POST) \/invitations\/:token$/, capability],

  // A person's own pages: account, wallet, dashboard, endorsing another organization.
  [/^POST \/account\/emails\/(resend|remove)$/, { kind: 'user', lookup: true }],
  [/^\w+ \/(account|wallet)(\/.*)?$/, user],
  [/^GET \/dashboard$/, user],
  [/^GET \/orgs\/new$/, user],
  [/^POST \/orgs\/new$/, confirmed],
  [/^(GET|POST) \/endorse$/, { kind: 'user', lookup: true }],
  [/^POST \/programs\/:id\/enrol$/, { kind: 'user', lookup: true }],
  [/^GET \/programs\/evidence\/:file$/, { kind: 'user', lookup: true }],
  [/^GET \/insights\/skills$/, user],
  [/^GET \/employers\/new$/, user],
  [/^POST \/employers\/new$/, confirmed],
  // Without an employer organization the search page invites the person to create one (no results).
  [/^GET \/employers\/search$/, user],
  [/^\w+ \/employers\/(searches|view|learners)(\/.*)?$/, { kind: 'employer' }],

  // An organization's pages, by the role their use cases need (src/app/platform/roles.ts MIN_ROLE).
  [/^GET \/orgs\/:org\/settings$/, org('viewer')],
  [/^POST \/orgs\/:org\/settings(\/.*)?$/, org('admin')],
  [/^GET \/orgs\/:org\/members$/, org('viewer')],
  [/^POST \/orgs\/:org\/members\/:userId\/(role|remove)$/, org('admin')],
  [/^POST \/orgs\/:org\/invitations(\/.*)?$/, org('admin')],
  [/^GET \/orgs\/:org\/keys$/, org('viewer')],
  [/^POST \/orgs\/:org\/keys\/rotate$/, org('admin')],
  [/^POST \/orgs\/:org\/keys\/:keyId\/revoke$/, org('owner')],
  [/^POST \/orgs\/:org\/api-keys$/, org('admin', true)],
  [/^\w+ \/orgs\/:org\/api-keys(\/.*)?$/, org('admin')],
  [/^(GET|POST) \/orgs\/:org\/achievements\/new$/, org('admin')],
  [/^(GET|POST) \/orgs\/:org\/achievements\/:id\/(edit|image|image\/upload)$/, org('admin')],
  [/^POST \/orgs\/:org\/achievements\/:id\/:action/, org('admin')],
  [/^GET \/orgs\/:org\/achievements(\/:id)?$/, org('viewer')],
  [/^(GET|POST) \/orgs\/:org\/issue$/, org('issuer')],
  [/^GET \/orgs\/:org\/batches\/new$/, org('issuer')],
  [/^\w+ \/orgs\/:org\/batches\/uploads(\/.*)?$/, org('issuer')],
  [/^GET \/orgs\/:org\/batches(\/:id(\/events)?)?$/, org('viewer')],
  [/^GET \/orgs\/:org\/credentials\/:id\/revoke$/, org('issuer')],
  [/^POST \/orgs\/:org\/credentials\/:id\/(:action.*|resend-claim)$/, org('issuer')],
  [/^POST \/orgs\/:org\/credentials\/:id\/push$/, org('issuer')],
  [/^GET \/orgs\/:org\/credentials(\/:id)?$/, org('viewer')],
  [/^GET \/orgs\/:org\/outbox(\/.*)?$/, org('admin')],
  [/^GET \/orgs\/:org\/dashboard$/, org('viewer')],
  [/^GET \/orgs\/:org\/endorsements$/, org('viewer')],
  [/^POST \/orgs\/:org\/endorsements\/:id\/withdraw$/, org('admin')],
  [/^GET \/orgs\/:org\/programs$/, org('viewer')],
  [/^(GET|POST) \/orgs\/:org\/programs\/(new|:id\/edit|:id\/state)$/, org('admin')],
  [/^POST \/orgs\/:org\/enrolments\/:id\/decide$/, org('issuer')],
  [/^GET \/orgs\/:org\/programs\/:id$/, org('viewer')],
  [/^POST \/orgs\/:org\/enrolments\/:id\/(attendance|signoff)$/, org('issuer', true)],
  [/^GET \/orgs\/:org\/pathways(\/:id)?$/, org('viewer')],
  [/^(GET|POST) \/orgs\/:org\/pathways\/(new|:id\/edit|:id\/delete)$/, org('admin')],
  [/^GET \/orgs\/:org\/reviews$/, org('issuer')],
  // CLR 2.0 program records (src/web/pages/clr): listing the enrolments and issuing a record need the issuer role.
  [/^GET \/orgs\/:org\/programs\/:id\/records$/, org('issuer')],
  [/^POST \/orgs\/:org\/programs\/:id\/enrolments\/:enrolment\/clr$/, org('issuer')],
  // CLR 2.0 pathway records: the same, per learner of the pathway.
  [/^GET \/orgs\/:org\/pathways\/:id\/records$/, org('issuer')],
  [/^POST \/orgs\/:org\/pathways\/:id\/records\/:learner\/clr$/, org('issuer')],
  [/^POST \/orgs\/:org\/reviews\/.*$/, org('issuer', true)],
  [/^\w+ \/orgs\/:org\/webhooks(\/.*)?$/, org('admin')],
  [/^\w+ \/orgs\/:org\/lti(\/.*)?$/, org('admin')],
]

/** One operation of the OpenAPI document, as far as the matrix reads it. */
export interface OpenApiOperation {
  security?: Record<string, string[]>[]
  description?: string
}

/** The access class an /api/v1 operation states: its security requirement, and for organization routes the role its description names. */
export function fromOpenApi(op: OpenApiOperation | undefined): Access | undefined {
  if (!op) return undefined
  const schemes = new Set((op.security ?? []).flatMap((r) => Object.keys(r)))
  if (op.security && op.security.length === 0) return pub
  if (schemes.has('anonymousCsrf')) return pub
  const person = !schemes.has('apiKey')
  if (person && !schemes.has('session')) return undefined
  const description = op.description ?? ''
  if (description.startsWith('Any member of the organization')) return org('viewer', person)
  const role = /^Needs the \*\*(\w+)\*\* role/.exec(description)?.[1] as RoleName | undefined
  if (role) return org(role, person)
  return person ? user : undefined
}

/** Hono's `/a/:b{re}` pattern as OpenAPI's `/a/{b}`. */
export const openApiPath = (pattern: string): string => pattern.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')

/** The rule for `METHOD /path`, or undefined when none matches (the test names the route). */
export function classify(method: string, pattern: string, openapi: Record<string, Record<string, OpenApiOperation>>): Access | undefined {
  const key = `${method} ${pattern}`
  for (const [re, access] of RULES) {
    if (!re.test(key)) continue
    if (access !== FROM_OPENAPI) return access
    return fromOpenApi(openapi[openApiPath(pattern).replace(/^\/api\/v1/, '')]?.[method.toLowerCase()] ?? openapi[openApiPath(pattern)]?.[method.toLowerCase()])
  }
  return undefined
}
