import { Hono } from 'hono'
import { STYLESHEET } from './assets/styles.js'
import type { LogReader } from '../app/ports.js'
import { homePage, type HomePageProps } from './pages/home-page.js'
import { logPageRoute } from './pages/log-page-route.js'

/** The server-rendered pages and their assets. */
export function webRoutes(props: HomePageProps, log?: { reader: LogReader; verifierKey: string }): Hono {
  return new Hono()
    .get('/', (c) => c.html(homePage(props)))
    .get('/log', logPageRoute(props.version, log))
    .get('/assets/emblem.css', (c) => {
      c.header('Cache-Control', 'public, max-age=3600')
      return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' })
    })
}
