import { Hono } from 'hono'
import { STATUS_LIST_TTL_MS } from '../../app/issuance/status-list-credential.js'
import { PlatformError } from '../../core/errors.js'
import '../context.js'

const LIST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Public status lists: GET /status/:listId serves the signed BitstringStatusListCredential, re-signed
 * after a change, with its version as ETag (304 on If-None-Match), cacheable for a minute, readable
 * from any origin. `application/vc+ld+json` by default; `application/json` when only that is accepted.
 */
export const publicStatusRoutes = (): Hono =>
  new Hono().get('/status/:listId', async (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    const listId = c.req.param('listId')
    if (!LIST_ID.test(listId)) throw new PlatformError('ERR_NOT_FOUND', `No status list ${listId.slice(0, 100)}`)
    const { version, json } = await c.get('platform').issuance.statusList(listId.toLowerCase())
    const etag = `"${version}"`
    c.header('ETag', etag)
    c.header('Cache-Control', `public, max-age=${STATUS_LIST_TTL_MS / 1000}`)
    c.header('Vary', 'Accept')
    const match = c.req.header('if-none-match')
    if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) return c.body(null, 304)
    const accept = c.req.header('accept') ?? ''
    const type = /application\/json/i.test(accept) && !/application\/(vc\+ld\+json|ld\+json|vc)\b/i.test(accept) ? 'application/json' : 'application/vc+ld+json'
    return c.body(json, 200, { 'Content-Type': type })
  })
