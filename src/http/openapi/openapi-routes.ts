import { Hono } from 'hono'
import type { OpenApiJson } from './document.js'

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document (`document()` builds it once), readable from
 * any origin so API tools can load it, revalidated after a minute (it changes with the version).
 */
export const openApiRoutes = (document: () => OpenApiJson): Hono =>
  new Hono().get('/api/openapi.json', (c) => {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'public, max-age=60')
    return c.json(document())
  })
