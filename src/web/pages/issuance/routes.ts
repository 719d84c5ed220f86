import { Hono } from 'hono'
import '../../../http/context.js'

/** Issuance pages: issue one, bulk CSV with preview and progress, credentials, revoke, dashboard. */
export const issuancePages = (): Hono => new Hono()
