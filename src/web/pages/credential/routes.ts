import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { badgeImageType } from '../../../app/credentials/badge-image.js'
import { acceptClaim, openClaim } from '../../../app/credentials/claim-credential.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { getIssuedCredential } from '../../../app/credentials/get-issued-credential.js'
import { verifyIssuedCredential } from '../../../app/credentials/verify-issued-credential.js'
import { isPlatformError } from '../../../core/errors.js'
import { renderPage } from '../../page.js'
import { claimInvalidPage, claimPage } from './claim-page.js'
import { credentialPage } from './credential-page.js'
import { bakedPng, bakedSvg, certificatePdf, credentialFile } from './downloads.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'

const issued = (c: Context) => getIssuedCredential(c.var.platform, c.req.param('id') ?? '')

/** Renders the friendly page for an unknown or used claim link; rethrows anything else. */
function claimError(c: Context, err: unknown) {
  if (!isPlatformError(err, 'ERR_TOKEN_INVALID')) throw err
  return renderPage(c, { title: 'Claim link not valid', main: claimInvalidPage(err.message), status: 400 })
}

/** Public credential page /c/:id with downloads, and the claim flow /claim/:token. */
export const credentialPages = (): Hono =>
  new Hono()
    .get('/c/:id', async (c) => {
      const { platform } = c.var
      const view = await issued(c)
      const [report, badge] = await Promise.all([verifyIssuedCredential({ ...platform, documents: c.var.documents }, view), badgeImageType(platform, view)])
      const page = credentialPage({ view, report, publicUrl: platform.publicUrl, checkedAt: platform.clock.now(), badge })
      const accepted = c.req.query('accepted') === '1'
      const main = accepted
        ? html`<div class="alert ok" role="status"><p><strong>You accepted this credential.</strong> This is its public page: share the link, add it to LinkedIn or download it.</p></div>${page.main}`
        : page.main
      return renderPage(c, { title: page.title, head: page.head, main })
    })
    .get('/c/:id/credential.json', async (c) => credentialFile(c, await issued(c), 'json'))
    .get('/c/:id/credential.jwt', async (c) => credentialFile(c, await issued(c), 'jwt'))
    .get('/c/:id/badge.png', async (c) => bakedPng(c, await issued(c)))
    .get('/c/:id/badge.svg', async (c) => bakedSvg(c, await issued(c)))
    .get('/c/:id/certificate.pdf', async (c) => certificatePdf(c, await issued(c)))
    .get('/claim/:token', async (c) => {
      const token = c.req.param('token')
      try {
        const view = await openClaim(c.var.platform, token)
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
        const view = await acceptClaim(c.var.platform, { token, showName: form['show_name'] === '1' })
        return c.redirect(`/c/${credentialUuid(view.id)}?accepted=1`, 303)
      } catch (err) {
        return claimError(c, err)
      }
    })
