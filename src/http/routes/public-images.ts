import { Hono } from 'hono'
import '../context.js'

/** Public images: /images/:id (badge images and logos, immutable by content digest). */
export const publicImageRoutes = (): Hono => new Hono()
