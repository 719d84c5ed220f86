import { Hono } from 'hono'
import '../context.js'

/** Public credential documents: /credentials/:id (OB 3.0 JSON, content negotiation). */
export const publicCredentialRoutes = (): Hono => new Hono()
