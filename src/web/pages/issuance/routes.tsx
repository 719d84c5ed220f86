import { Hono } from 'hono'
import '../../../http/context.js'
import { batchRoutes } from './batch-routes.js'
import { credentialsRoutes } from './credentials-routes.js'
import { issueRoutes } from './issue-routes.js'
import { outboxRoutes } from './outbox-routes.js'

/** Issuance pages: issue one, bulk CSV with preview and live progress, credentials with revoke / suspend, the outbox. */
export const issuancePages = (): Hono => new Hono().route('/', issueRoutes()).route('/', batchRoutes()).route('/', credentialsRoutes()).route('/', outboxRoutes())
