import { Hono } from 'hono'
import { render, tOf } from '../../kit/render.js'
import { ApiDocsView } from './api-docs-view.js'
import type { OpenApiDocument } from './openapi-model.js'

/** GET /api/docs: the browsable reference of the OpenAPI document `document()` returns (served from this instance, no CDN). */
export const apiDocsRoutes = (document: () => OpenApiDocument, publicUrl: string): Hono =>
  new Hono().get('/api/docs', (c) => {
    const t = tOf(c)
    return render(c, <ApiDocsView doc={document()} base={publicUrl} />, { title: t.t('api.pageTitle') })
  })
