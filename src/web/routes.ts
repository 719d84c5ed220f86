import { Hono } from 'hono'
import { STYLESHEET } from './assets/styles.js'
import { homePage, type HomePageProps } from './pages/home-page.js'

/** The server-rendered pages and their assets. */
export function webRoutes(props: HomePageProps): Hono {
  return new Hono()
    .get('/', (c) => c.html(homePage(props)))
    .get('/assets/emblem.css', (c) => {
      c.header('Cache-Control', 'public, max-age=3600')
      return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' })
    })
}
