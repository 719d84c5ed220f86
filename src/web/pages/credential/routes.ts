import { Hono } from 'hono'
import '../../../http/context.js'

/** Public credential page /c/:id with downloads, and the claim flow. */
export const credentialPages = (): Hono => new Hono()
