import { Hono, type Context } from 'hono'
import { achievementView } from '../../../app/credentials/achievement-view.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { verdictOf } from '../../../app/credentials/verdict.js'
import { isLogPending } from '../../../app/credentials/verify-local.js'
import { isPlatformError } from '../../../core/errors.js'
import { viewerOf } from '../../../http/auth/viewer.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { render } from '../../kit/render.js'
import { renderPage } from '../../page.js'
import { claimInvalidPage, claimPage } from './claim-page.js'
import { credentialHead } from './credential-head.js'
import { credentialLinks } from './credential-links.js'
import { CredentialView } from './credential-view.js'
import { download } from './downloads.js'

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
      const { view, report, badge, qrSvg, checkedAt } = await platform.credentials.page(c.req.param('id'), c.var.fetchLocal, viewerOf(c.var.actor))
      const achievement = achievementView(view.document.credential)
      const links = credentialLinks(view, achievement, platform.publicUrl, badge)
      const model = {
        view,
        achievement,
        report,
        verdict: verdictOf(report, view.state),
        logPending: isLogPending(report),
        checkedAt,
        links,
        qrSvg,
        accepted: c.req.query('accepted') === '1',
        issuerLogoUrl: view.org.logoImageId ? `${platform.publicUrl}/images/${view.org.logoImageId}` : undefined,
      }
      return render(c, <CredentialView model={model} />, { title: achievement.name, head: credentialHead(achievement, view.org.name, links), description: achievement.description.slice(0, 300) || undefined })
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
        // TODO(#10): a signed-in learner whose e-mail matches could add it to their wallet from here.
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
