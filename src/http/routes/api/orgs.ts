import { Hono } from 'hono'
import '../../context.js'

/** Organizations API (/api/v1/orgs…): profile, members, invitations, keys, API keys. */
export const orgsApi = (): Hono => new Hono()
