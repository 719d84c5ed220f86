import { Hono } from 'hono'
import '../../../http/context.js'

/** Organization pages: create, profile, members, keys, API keys, outbox. */
export const orgPages = (): Hono => new Hono()
