import { credentialIdOf } from '../credentials/credential-id.js'
import type { CredentialState } from '../credentials/ports.js'
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { issuedViewOf, type IssuedView } from './issued-view.js'
import type { IssuedQuery } from './ports.js'

/** What the issuer's credential list is narrowed to, as a request gives it (all optional). */
export interface IssuedFilter {
  /** Part of the learner's e-mail or name. */
  q?: string | undefined
  achievementId?: string | undefined
  state?: string | undefined
  batchId?: string | undefined
  /** A date (YYYY-MM-DD, from its start) or an instant. */
  issuedFrom?: string | undefined
  /** A date (YYYY-MM-DD, through its end) or an instant. */
  issuedTo?: string | undefined
  limit?: number | undefined
  cursor?: string | undefined
}

const STATES: readonly CredentialState[] = ['active', 'revoked', 'suspended']
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A day or an instant as the ISO instant a bound means; ERR_INPUT_INVALID otherwise. */
function boundOf(name: string, value: string | undefined, end: boolean): string | undefined {
  if (!value) return undefined
  const text = DATE.test(value) ? `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : value
  const time = Date.parse(text)
  if (Number.isNaN(time)) throw new PlatformError('ERR_INPUT_INVALID', `${name}: must be a date like 2026-03-01 or an ISO date-time`)
  return new Date(time).toISOString()
}

const encodeCursor = (issuedAt: string, credentialId: string) => Buffer.from(JSON.stringify([issuedAt, credentialId])).toString('base64url')

function decodeCursor(cursor: string): IssuedQuery['after'] {
  try {
    const [issuedAt, credentialId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof issuedAt === 'string' && typeof credentialId === 'string') return { issuedAt, credentialId }
  } catch {
    // fall through
  }
  throw new PlatformError('ERR_INPUT_INVALID', 'cursor: not a cursor this list returned')
}

/**
 * The organization's issued credentials, newest first, filtered and a page at a time (1–200,
 * default 50). `nextCursor` continues the list. ERR_INPUT_INVALID for a bad state, date or cursor.
 */
export async function listIssued({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, orgId: string, filter: IssuedFilter): Promise<{ items: IssuedView[]; nextCursor?: string }> {
  const limit = filter.limit ?? 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new PlatformError('ERR_INPUT_INVALID', 'limit: must be a whole number from 1 to 200')
  if (filter.state && !STATES.includes(filter.state as CredentialState)) throw new PlatformError('ERR_INPUT_INVALID', `state: must be one of ${STATES.join(', ')}`)
  const query: IssuedQuery = { limit: limit + 1 }
  const text = filter.q?.trim()
  if (text) query.text = text.slice(0, 200)
  if (filter.achievementId) query.achievementId = filter.achievementId
  if (filter.state) query.state = filter.state as CredentialState
  if (filter.batchId) query.batchId = filter.batchId
  const issuedFrom = boundOf('issuedFrom', filter.issuedFrom, false)
  const issuedTo = boundOf('issuedTo', filter.issuedTo, true)
  if (issuedFrom) query.issuedFrom = issuedFrom
  if (issuedTo) query.issuedTo = issuedTo
  if (filter.cursor) query.after = decodeCursor(filter.cursor)
  const rows = await store.repos.issuedCredentials.search(orgId, query)
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => issuedViewOf(r, publicUrl)),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.issuedAt, last.credentialId) } : {}),
  }
}

/** One of the organization's issued credentials by its UUID or `urn:uuid:` id; ERR_NOT_FOUND otherwise. */
export async function getIssued({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, orgId: string, param: string): Promise<IssuedView> {
  const id = credentialIdOf(param)
  const record = id === undefined ? undefined : await store.repos.issuedCredentials.get(orgId, id)
  if (!record) throw new PlatformError('ERR_NOT_FOUND', `No credential ${param.slice(0, 100)} in this organization`)
  return issuedViewOf(record, publicUrl)
}
