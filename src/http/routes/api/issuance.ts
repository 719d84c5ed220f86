import { Hono } from 'hono'
import '../../context.js'

/** Issuance API: credentials, batches, revoke / suspend (/api/v1/orgs/:org/…). */
export const issuanceApi = (): Hono => new Hono()
