import { Hono } from 'hono'
import '../../../http/context.js'
import { batchRoutes } from './batch-pages.js'
import { credentialsRoutes } from './credentials-pages.js'
import { issueRoutes } from './issue-page.js'
import { outboxRoutes } from './outbox-page.js'

/** Issuance pages: issue one, bulk CSV with preview and progress, credentials with revoke / suspend, the outbox. */
export const issuancePages = (): Hono => new Hono().route('/', issueRoutes()).route('/', batchRoutes()).route('/', credentialsRoutes()).route('/', outboxRoutes())
