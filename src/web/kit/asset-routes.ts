import { Hono } from 'hono'
import { FAVICON_SVG } from '../assets/favicon.js'
import { assetManifest } from './assets.js'

const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * The browser assets: hashed files (`/assets/emblem.<hash>.css`, `/assets/app.<hash>.js`, fonts)
 * cached forever; `/assets/emblem.css` names the current stylesheet for whoever links it by name.
 */
export const assetRoutes = (): Hono =>
  new Hono()
    .get('/assets/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }))
    .get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301))
    .get('/assets/emblem.css', async (c) => {
      const { css, files } = await assetManifest()
      return c.body(files.get(css)!.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' })
    })
    .get('/assets/:file{[A-Za-z0-9_.-]+}', async (c, next) => {
      const file = (await assetManifest()).files.get(`/assets/${c.req.param('file')}`)
      if (!file) return next()
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.type, 'Cache-Control': IMMUTABLE, 'X-Content-Type-Options': 'nosniff' })
    })
