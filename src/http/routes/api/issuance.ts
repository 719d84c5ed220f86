import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { credentialIdOf } from '../../../app/credentials/credential-id.js'
import type { StatusAction } from '../../../app/issuance/change-status.js'
import { batchViewOf } from '../../../app/issuance/find-batches.js'
import type { IssueOutcome } from '../../../app/issuance/issue-credential.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../auth/require.js'
import { withRetryAfter } from '../../auth/session-cookie.js'
import '../../context.js'
import { bodyStream, readJson, readQuery } from '../../request.js'
import { listBatchesQuery, startBatchQuery } from '../../schemas/batches.js'
import { listCredentialsQuery, reasonBody } from '../../schemas/issuance.js'

/** Largest CSV body the bulk route reads (the use case refuses past it too). */
const CSV_MAX_BYTES = 256 * 1024 * 1024

/** The API path of an issued credential. */
const credentialLocation = (orgSlug: string, credentialId: string) => `/api/v1/orgs/${orgSlug}/credentials/${credentialId.replace(/^urn:uuid:/, '')}`

/** The answer to an issue: the new credential (201), or the stored response replayed for a repeated Idempotency-Key. */
function presentIssue(c: Context, orgSlug: string, outcome: IssueOutcome): Response {
  if (!outcome.replayed) {
    c.header('Location', credentialLocation(orgSlug, outcome.view.id))
    return c.json(outcome.view, 201)
  }
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' }
  if (outcome.credentialId) headers.Location = credentialLocation(orgSlug, outcome.credentialId)
  return c.body(outcome.body, outcome.status as 201, headers)
}

/** The file name of a Content-Disposition header (`filename="…"`), if any. */
function fileNameOf(header: string | undefined): string | undefined {
  const match = header ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header) : null
  if (!match) return undefined
  try {
    return decodeURIComponent(match[1]!).slice(0, 200)
  } catch {
    return match[1]!.slice(0, 200)
  }
}

/**
 * Issuance API under /api/v1/orgs/:org: issue one credential (Idempotency-Key honoured), list and
 * read issued credentials, revoke / suspend / unsuspend, send a new claim link, bulk CSV batches with progress and error
 * reports. Issuers and above write; viewers read. Each route: parse → use case → present.
 * Described in schemas/issuance.ts and schemas/batches.ts.
 */
export const issuanceApi = (): Hono =>
  new Hono()
    .post('/orgs/:org/achievements/:achievement/credentials', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const input = await readJson(c, z.unknown(), { empty: {} })
      const outcome = await c.get('platform').issuance.issueCredential({ orgId: org.id, achievementId: c.req.param('achievement'), input, idempotencyKey: c.req.header('idempotency-key') })
      return presentIssue(c, org.slug, outcome)
    })
    .get('/orgs/:org/credentials', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { achievement, batch, ...filter } = readQuery(c, listCredentialsQuery)
      const page = await c.get('platform').issuance.list(org.id, { ...filter, achievementId: achievement, batchId: batch })
      c.header('Cache-Control', 'no-store')
      return c.json(page)
    })
    .get('/orgs/:org/credentials/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json(await c.get('platform').issuance.get(org.id, c.req.param('id')))
    })
    .post('/orgs/:org/credentials/:id/:action{revoke|suspend|unsuspend}', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const { reason } = await readJson(c, reasonBody, { empty: {} })
      const id = credentialIdOf(c.req.param('id'))
      if (!id) throw new PlatformError('ERR_NOT_FOUND', 'No such credential in this organization')
      return c.json(await c.get('platform').issuance.changeStatus({ orgId: org.id, credentialId: id, action: c.req.param('action') as StatusAction, reason }))
    })
    .post('/orgs/:org/credentials/:id/claim-link', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const sent = await c.get('platform').credentials.resendClaim({ orgId: org.id, credentialId: c.req.param('id') }).catch((err: unknown) => withRetryAfter(c, err))
      return c.json(sent, 202)
    })
    .post('/orgs/:org/achievements/:achievement/batches', async (c) => {
      const actor = c.get('actor')
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== 'text/csv') throw new PlatformError('ERR_CSV_INVALID', `Send the CSV file as the body with Content-Type text/csv (got ${type || 'none'})`)
      const body = bodyStream(c, { maxBytes: CSV_MAX_BYTES, what: 'A CSV file' })
      if (!body) throw new PlatformError('ERR_CSV_INVALID', 'Send the CSV file as the request body')
      const { batch, created } = await c.get('platform').issuance.startBatch({
        orgId: org.id,
        achievementId: c.req.param('achievement'),
        body,
        fileName: fileNameOf(c.req.header('content-disposition')) ?? readQuery(c, startBatchQuery).name ?? 'upload.csv',
        createdBy: actor?.kind === 'user' ? actor.user.id : null,
      })
      c.header('Location', `/api/v1/orgs/${org.slug}/batches/${batch.id}`)
      return c.json(batchViewOf(batch), created ? 202 : 200)
    })
    .get('/orgs/:org/batches', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { items, nextCursor } = await c.get('platform').issuance.batches(org.id, readQuery(c, listBatchesQuery))
      c.header('Cache-Control', 'no-store')
      return c.json({ items: items.map(({ achievementName: _name, ...batch }) => batch), ...(nextCursor ? { nextCursor } : {}) })
    })
    .get('/orgs/:org/batches/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { batch, errors } = await c.get('platform').issuance.batch(org.id, c.req.param('id'))
      c.header('Cache-Control', 'no-store')
      return c.json({ ...batch, errors, errorReport: `/api/v1/orgs/${org.slug}/batches/${batch.id}/errors.csv` })
    })
    .get('/orgs/:org/batches/:id/errors.csv', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const { batch, lines } = await c.get('platform').issuance.errorReport(org.id, c.req.param('id'))
      const iterator = lines[Symbol.asyncIterator]()
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next()
          if (next.done) controller.close()
          else controller.enqueue(encoder.encode(next.value))
        },
      })
      return c.body(stream, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="batch-${batch.id}-errors.csv"`,
        'Cache-Control': 'no-store',
      })
    })
