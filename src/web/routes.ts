import { Hono } from 'hono'
import { FAVICON_SVG } from './assets/favicon.js'
import { STYLESHEET } from './assets/styles.js'
import type { LogReader } from '../app/ports.js'
import { navUserOf } from './page.js'
import { homePage, type HomePageProps } from './pages/home-page.js'
import { logPageRoute } from './pages/log-page-route.js'

/** The server-rendered pages and their assets. */
export function webRoutes(props: HomePageProps, log?: { reader: LogReader; verifierKey: string }): Hono {
  return new Hono()
    .get('/', (c) => c.html(homePage({ ...props, user: navUserOf(c) })))
    .get('/log', logPageRoute(props.version, log))
    .get('/assets/favicon.svg', (c) => {
      c.header('Cache-Control', 'public, max-age=86400')
      return c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml' })
    })
    .get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301))
    .get('/assets/emblem.css', (c) => {
      c.header('Cache-Control', 'public, max-age=3600')
      return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' })
    })
}
