import { Hono } from 'hono'
import { render, tOf } from '../../kit/render.js'
import { ApiDocsView } from './api-docs-view.js'
import type { OpenApiDocument } from './openapi-model.js'

/**
 * GET /api/docs: the browsable reference of the OpenAPI 3.1 document `document()` returns (served
 * from this instance, no CDN). The document is plain JSON; the page reads the parts it shows.
 */
export const apiDocsRoutes = (document: () => object, publicUrl: string): Hono =>
  new Hono().get('/api/docs', (c) => {
    const t = tOf(c)
    return render(c, <ApiDocsView doc={document() as OpenApiDocument} base={publicUrl} />, { title: t.t('api.pageTitle') })
  })
