import { Hono } from 'hono'
import '../context.js'

/** Public status lists: /status/:list (signed BitstringStatusListCredential, ETag). */
export const publicStatusRoutes = (): Hono => new Hono()
