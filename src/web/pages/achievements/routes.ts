import { Hono } from 'hono'
import '../../../http/context.js'

/** Achievement pages: list, editor with skills picker and badge designer. */
export const achievementPages = (): Hono => new Hono()
