import { Hono, type Context } from 'hono'
import { badgeImageType } from '../../../app/credentials/badge-image.js'
import { acceptClaim, openClaim } from '../../../app/credentials/claim-credential.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { getIssuedCredential } from '../../../app/credentials/get-issued-credential.js'
import { verifyIssuedCredential } from '../../../app/credentials/verify-issued-credential.js'
import { isPlatformError } from '../../../core/errors.js'
import { renderPage } from '../../page.js'
import { claimInvalidPage, claimPage } from './claim-page.js'
import { isLogPending } from '../../../app/credentials/verify-local.js'
import { verdictOf } from '../../../app/credentials/verdict.js'
import { qrCodeSvg } from '../../../media/index.js'
import { render } from '../../kit/render.js'
import { achievementView } from './achievement-view.js'
import { credentialLinks } from './credential-links.js'
import { CredentialView } from './credential-view.js'
import { credentialHead } from './credential-head.js'
import { bakedPng, bakedSvg, certificatePdf, credentialFile } from './downloads.js'
import '../../../http/context.js'

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
      const achievement = achievementView(view.document.credential)
      const links = credentialLinks(view, achievement, platform.publicUrl, badge)
      const model = {
        view,
        achievement,
        report,
        verdict: verdictOf(report, view.state),
        logPending: isLogPending(report),
        checkedAt: platform.clock.now(),
        links,
        qrSvg: qrCodeSvg(links.pageUrl, { size: 160 }),
        accepted: c.req.query('accepted') === '1',
        issuerLogoUrl: view.org.logoImageId ? `${platform.publicUrl}/images/${view.org.logoImageId}` : undefined,
      }
      return render(c, <CredentialView model={model} />, { title: achievement.name, head: credentialHead(achievement, view.org.name, links), description: achievement.description.slice(0, 300) || undefined })
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
      const form = await c.req.parseBody()
      try {
        const view = await acceptClaim(c.var.platform, { token, showName: form['show_name'] === '1' })
        return c.redirect(`/c/${credentialUuid(view.id)}?accepted=1`, 303)
      } catch (err) {
        return claimError(c, err)
      }
    })
