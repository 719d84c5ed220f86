import { Hono } from 'hono'
import type { LogReader } from '../app/ports.js'
import { homeRoutes } from './pages/home/routes.js'
import { logPageRoute } from './pages/log/routes.js'

/** The public pages that need no platform: home and the transparency log. */
export const webRoutes = (publicUrl: string, log?: { reader: LogReader; verifierKey: string }): Hono =>
  new Hono().route('/', homeRoutes(publicUrl, log)).get('/log', logPageRoute(publicUrl, log))
