import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { isPlatformError } from '../../../core/errors.js'
import { renderPage } from '../../page.js'
import { claimInvalidPage, claimPage } from './claim-page.js'
import { credentialPage } from './credential-page.js'
import { download } from './downloads.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'

/** Renders the friendly page for an unknown or used claim link; rethrows anything else. */
function claimError(c: Context, err: unknown) {
  if (!isPlatformError(err, 'ERR_TOKEN_INVALID')) throw err
  return renderPage(c, { title: 'Claim link not valid', main: claimInvalidPage(err.message), status: 400 })
}

/** Public credential page /c/:id with downloads, and the claim flow /claim/:token. */
export const credentialPages = (): Hono =>
  new Hono()
    .get('/c/:id', async (c) => {
      const { view, report, badge, qrSvg, checkedAt } = await c.var.platform.credentials.page(c.req.param('id'), c.var.fetchLocal)
      const page = credentialPage({ view, report, publicUrl: c.var.platform.publicUrl, checkedAt, badge, qrSvg })
      const accepted = c.req.query('accepted') === '1'
      const main = accepted
        ? html`<div class="alert ok" role="status"><p><strong>You accepted this credential.</strong> This is its public page: share the link, add it to LinkedIn or download it.</p></div>${page.main}`
        : page.main
      return renderPage(c, { title: page.title, head: page.head, main })
    })
    .get('/c/:id/credential.json', (c) => download(c, 'json'))
    .get('/c/:id/credential.jwt', (c) => download(c, 'jwt'))
    .get('/c/:id/badge.png', (c) => download(c, 'png'))
    .get('/c/:id/badge.svg', (c) => download(c, 'svg'))
    .get('/c/:id/certificate.pdf', (c) => download(c, 'pdf'))
    .get('/claim/:token', async (c) => {
      const token = c.req.param('token')
      try {
        const view = await c.var.platform.credentials.openClaim(token)
        // TODO(#5): a signed-in learner whose e-mail matches could add it to their wallet from here.
        return renderPage(c, { title: 'Accept your credential', main: claimPage(view, { token, csrfToken: c.var.csrfToken }) })
      } catch (err) {
        return claimError(c, err)
      }
    })
    .post('/claim/:token', async (c) => {
      const token = c.req.param('token')
      const form = await readForm(c)
      try {
        const view = await c.var.platform.credentials.acceptClaim({ token, showName: form['show_name'] === '1' })
        return c.redirect(`/c/${credentialUuid(view.id)}?accepted=1`, 303)
      } catch (err) {
        return claimError(c, err)
      }
    })
