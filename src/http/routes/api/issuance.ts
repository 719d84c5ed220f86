import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { changeStatus, REASON_MAX, type StatusAction } from '../../../app/issuance/change-status.js'
import { assertBatchable, batchViewOf, createBatch } from '../../../app/issuance/create-batch.js'
import { errorReportLines } from '../../../app/issuance/errors-csv.js'
import { getIssued, listIssued } from '../../../app/issuance/find-issued.js'
import { IDEMPOTENCY_KEY, replayOf, requestDigest } from '../../../app/issuance/idempotency.js'
import { issueCredential } from '../../../app/issuance/issue-credential.js'
import { credentialIdOf } from '../../../app/credentials/credential-id.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { RESULT_STATUS_TYPES } from '../../../core/credential/index.js'
import { PlatformError } from '../../../core/errors.js'
import { requireOrg } from '../../auth/require.js'
import '../../context.js'
import { checkInput, cursorParam, intParam, readJson } from '../../request.js'
import { batchDataDir, removeBatchFile, storeCsvUpload } from '../../../jobs/batch-files.js'

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`)

/** The body of POST …/achievements/:achievement/credentials. Unknown fields are refused, never signed. */
export const issueBody = z.strictObject({
  recipient: z.strictObject({ email: text(254), name: text(200), did: text(2048).optional() }),
  evidence: z
    .array(
      z.strictObject({
        id: text(2048).optional(),
        name: text(10_000).optional(),
        description: text(10_000).optional(),
        narrative: text(10_000).optional(),
        genre: text(200).optional(),
        audience: text(200).optional(),
      }),
    )
    .max(20, 'at most 20 pieces of evidence')
    .optional(),
  results: z
    .array(
      z.strictObject({
        resultDescription: text(2048).optional(),
        value: text(200).optional(),
        status: z.enum(RESULT_STATUS_TYPES).optional(),
        achievedLevel: text(2048).optional(),
      }),
    )
    .max(20, 'at most 20 results')
    .optional(),
  validUntil: text(40).optional(),
  showName: z.boolean().optional(),
})

const reasonBody = z.strictObject({ reason: text(REASON_MAX).optional() })

const uuidParam = (value: string) => credentialIdOf(value)?.slice('urn:uuid:'.length)

/**
 * Issuance API under /api/v1/orgs/:org: issue one credential (Idempotency-Key honoured), list and
 * read issued credentials, revoke / suspend / unsuspend, bulk CSV batches with progress and error
 * reports. Issuers and above write; viewers read.
 */
export const issuanceApi = (): Hono =>
  new Hono()
    .post('/orgs/:org/achievements/:achievement/credentials', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const achievementId = c.req.param('achievement')
      const raw = await readJson(c, z.unknown(), { empty: {} })
      const key = c.req.header('idempotency-key')
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new PlatformError('ERR_INPUT_INVALID', 'Idempotency-Key: 1 to 200 visible ASCII characters')
      const digest = key === undefined ? undefined : requestDigest(`achievements/${achievementId}/credentials`, raw)
      if (key !== undefined) {
        const replay = await replayOf(c.var.platform.store.repos.idempotency, org.id, key, digest!)
        if (replay) return replayed(c, org.slug, replay.status, replay.body)
      }
      const body = checkInput(issueBody, raw)
      const issue = () => issueCredential(c.var.platform, { orgId: org.id, achievementId, ...body }, key === undefined ? {} : { idempotency: { key, requestDigest: digest! } })
      const issued = await issue().catch(async (err) => {
        // A concurrent request with the same key committed first: answer what it answered.
        if (key === undefined || !(err instanceof PlatformError) || err.code !== 'ERR_CONFLICT') throw err
        const replay = await replayOf(c.var.platform.store.repos.idempotency, org.id, key, digest!)
        if (!replay) throw err
        return replay
      })
      if ('requestDigest' in issued) return replayed(c, org.slug, issued.status, issued.body)
      c.header('Location', credentialLocation(org.slug, issued.id))
      return c.json(issued, 201)
    })
    .get('/orgs/:org/credentials', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const page = await listIssued(c.var.platform, org.id, {
        q: c.req.query('q'),
        achievementId: c.req.query('achievement') || undefined,
        state: c.req.query('state') || undefined,
        batchId: c.req.query('batch') || undefined,
        issuedFrom: c.req.query('issuedFrom') || undefined,
        issuedTo: c.req.query('issuedTo') || undefined,
        limit: intParam(c, 'limit'),
        cursor: cursorParam(c),
      })
      c.header('Cache-Control', 'no-store')
      return c.json(page)
    })
    .get('/orgs/:org/credentials/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      c.header('Cache-Control', 'no-store')
      return c.json(await getIssued(c.var.platform, org.id, c.req.param('id')))
    })
    .post('/orgs/:org/credentials/:id/:action{revoke|suspend|unsuspend}', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const { reason } = await readJson(c, reasonBody, { empty: {} })
      const id = credentialIdOf(c.req.param('id'))
      if (!id) throw new PlatformError('ERR_NOT_FOUND', 'No such credential in this organization')
      const view = await changeStatus(c.var.platform, { orgId: org.id, credentialId: id, action: c.req.param('action') as StatusAction, reason })
      return c.json(view)
    })
    .post('/orgs/:org/achievements/:achievement/batches', async (c) => {
      const actor = c.var.actor
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      if (type !== 'text/csv') throw new PlatformError('ERR_CSV_INVALID', `Send the CSV file as the body with Content-Type text/csv (got ${type || 'none'})`)
      const name = fileNameOf(c.req.header('content-disposition')) ?? c.req.query('name') ?? 'upload.csv'
      const achievementId = c.req.param('achievement')
      await assertBatchable(c.var.platform, org.id, achievementId)
      const upload = await storeCsvUpload(c.var.platform, c.req.raw.body, { name })
      const { batch, created } = await createBatch(c.var.platform, {
        orgId: org.id,
        achievementId,
        file: { digest: upload.digest, name: upload.name, totalRows: upload.scan.totalRows },
        createdBy: actor?.kind === 'user' ? actor.user.id : null,
      })
      // The same file again: the stored copy is dropped once its batch no longer reads it.
      if (!created && !(await c.var.platform.store.repos.batches.isFileInUse(upload.digest))) await removeBatchFile(batchDataDir(c.var.platform), upload.digest)
      c.header('Location', `/api/v1/orgs/${org.slug}/batches/${batch.id}`)
      return c.json(batchViewOf(batch), created ? 202 : 200)
    })
    .get('/orgs/:org/batches', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const limit = intParam(c, 'limit', { min: 1, max: 200, fallback: 50 })!
      const before = decodeBatchCursor(cursorParam(c))
      const rows = await c.var.platform.store.repos.batches.list(org.id, { limit: limit + 1, ...(before ? { before } : {}) })
      const items = rows.slice(0, limit)
      const last = items.at(-1)
      c.header('Cache-Control', 'no-store')
      return c.json({
        items: items.map(batchViewOf),
        ...(rows.length > limit && last ? { nextCursor: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') } : {}),
      })
    })
    .get('/orgs/:org/batches/:id', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const batch = await batchOf(c, org.id)
      const errors = await c.var.platform.store.repos.batches.errors(batch.id, { limit: 100 })
      c.header('Cache-Control', 'no-store')
      return c.json({ ...batchViewOf(batch), errors, errorReport: `/api/v1/orgs/${org.slug}/batches/${batch.id}/errors.csv` })
    })
    .get('/orgs/:org/batches/:id/errors.csv', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.read)
      const batch = await batchOf(c, org.id)
      const lines = errorReportLines(c.var.platform.store.repos.batches, batch.id)
      const encoder = new TextEncoder()
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await lines.next()
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

/** The API path of an issued credential. */
const credentialLocation = (orgSlug: string, credentialId: string) => `/api/v1/orgs/${orgSlug}/credentials/${credentialId.replace(/^urn:uuid:/, '')}`

/** A stored response replayed for a repeated Idempotency-Key. */
function replayed(c: Context, orgSlug: string, status: number, body: string): Response {
  const id = (JSON.parse(body) as { id?: unknown }).id
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' }
  if (typeof id === 'string') headers.Location = credentialLocation(orgSlug, id)
  return c.body(body, status as 201, headers)
}

async function batchOf(c: Context, orgId: string) {
  const id = uuidParam(c.req.param('id') ?? '')
  const batch = id === undefined ? undefined : await c.var.platform.store.repos.batches.get(orgId, id)
  if (!batch) throw new PlatformError('ERR_NOT_FOUND', 'No such batch in this organization')
  return batch
}

function decodeBatchCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id }
  } catch {
    // fall through
  }
  throw new PlatformError('ERR_INPUT_INVALID', 'cursor: not a cursor this list returned')
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
