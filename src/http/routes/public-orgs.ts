import { Hono } from 'hono'
import '../context.js'

/** Public organization documents: /orgs/:slug/did.json. */
export const publicOrgRoutes = (): Hono => new Hono()
