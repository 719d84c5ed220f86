import { Hono } from 'hono'
import '../../context.js'

/** Account API (/api/v1/account…): filled in by the accounts work. */
export const accountApi = (): Hono => new Hono()
