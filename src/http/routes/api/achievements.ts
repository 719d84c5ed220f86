import { Hono } from 'hono'
import '../../context.js'

/** Achievements and skills API (/api/v1/orgs/:org/achievements…, /api/v1/skills). */
export const achievementsApi = (): Hono => new Hono()
