import { Hono, type Context } from 'hono'
import { achievementView, issuerOf, type AchievementView } from '../../../app/credentials/achievement-view.js'
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import { MIN_ROLE } from '../../../app/platform/roles.js'
import { requireOrg, requireUser } from '../../../http/auth/require.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { verdictOf } from '../../../app/credentials/verdict.js'
import { ClaimRefusedError } from '../../../app/wallet/wallet.js'
import { isLogPending } from '../../../app/credentials/verify-local.js'
import { isPlatformError } from '../../../core/errors.js'
import { viewerOf } from '../../../http/auth/viewer.js'
import '../../../http/context.js'
import { readForm } from '../../../http/request.js'
import { answerTemplate, render, renderTemplate, tOf, type PageTemplate } from '../../kit/render.js'
import { localeOf } from '../../kit/locale.js'
import { ClaimLinkView, ClaimView, type ClaimCredential } from './claim-view.js'
import { credentialHead } from './credential-head.js'
import { credentialLinks } from './credential-links.js'
import { CredentialView } from './credential-view.js'
import { download } from './downloads.js'

/** The claim pages' view of a credential. */
function claimCredentialOf(view: IssuedCredentialView, publicUrl: string): ClaimCredential {
  const { credential } = view.document
  const issuer = issuerOf(credential)
  return {
    uuid: credentialUuid(view.id),
    achievement: achievementView(credential),
    issuer: { name: typeof issuer.name === 'string' ? issuer.name : view.org.name, logoUrl: view.org.logoImageId ? `${publicUrl}/images/${view.org.logoImageId}` : undefined },
    recipientName: view.recipientName,
    showName: view.showName,
    issuedAt: typeof credential.validFrom === 'string' ? credential.validFrom : view.issuedAt,
    claimedAt: view.claimedAt,
    revoked: view.state === 'revoked',
    stateReason: view.stateReason,
  }
}

/** The page of a claim link in whatever state it is: the Accept page when open, else what happened and a way on. */
async function claimPage(c: Context, token: string, { status, refusal }: { status?: 400 | 403; refusal?: ClaimRefusedError['reason'] } = {}): Promise<Response> {
  const platform = c.get('platform')
  const state = await platform.credentials.claimLink(token)
  const sent = c.req.query('sent') === '1'
  const t = tOf(c)
  if (state.kind === 'open' && status !== 400) {
    const signedIn = c.get('actor')?.kind === 'user'
    return render(c, <ClaimView model={{ token, credential: claimCredentialOf(state.view, platform.publicUrl), sent, signedIn, refusal }} />, { title: t.t('claim.pageTitle'), ...(status ? { status } : {}) })
  }
  const credential = state.kind === 'unknown' ? undefined : claimCredentialOf(state.view, platform.publicUrl)
  const kind = state.kind === 'open' ? 'claimed' : state.kind
  return render(c, <ClaimLinkView model={{ token, state: kind, credential, sent }} />, {
    title: kind === 'unknown' ? t.t('claim.unknown.pageTitle') : kind === 'declined' ? t.t('wallet.claim.declinedTitle') : t.t('claim.used.pageTitle'),
    status: status ?? (kind === 'unknown' ? 400 : 200),
  })
}

/** A kept anonymous credential page: the version of the data it was drawn from, and until when it holds (ms since the epoch). */
interface KeptPage {
  version: string
  until: number
  template: PageTemplate
}

/** Kept pages within a budget of bytes, the least recently used forgotten first. */
class KeptPages {
  readonly #map = new Map<string, KeptPage>()
  #bytes = 0
  constructor(readonly maxBytes: number) {}
  get(key: string): KeptPage | undefined {
    const value = this.#map.get(key)
    if (value !== undefined) {
      this.#map.delete(key)
      this.#map.set(key, value)
    }
    return value
  }
  set(key: string, value: KeptPage): void {
    this.#forget(key)
    this.#map.set(key, value)
    this.#bytes += value.template.size
    while (this.#bytes > this.maxBytes) this.#forget(this.#map.keys().next().value!)
  }
  #forget(key: string): void {
    const old = this.#map.get(key)
    if (old === undefined) return
    this.#map.delete(key)
    this.#bytes -= old.template.size
  }
}

/** Public credential page /c/:id with downloads, the claim flow /claim/:token, and the issuer's resend of a claim link. */
export const credentialPages = (): Hono => {
  // Anonymous pages by credential and language, ~30 KB each: up to 128 MB of them (~4,000 pages).
  const pageTemplates = new KeptPages(128 * 1024 * 1024)
  return new Hono()
    .get('/c/:id', async (c) => {
      const platform = c.get('platform')
      const data = await platform.credentials.page(c.req.param('id'), c.get('fetchLocal'), viewerOf(c.get('actor')))
      const { view, report, badge, qrSvg } = data
      const endorsements = await platform.endorsements.forCredential(view, c.get('fetchLocal'))
      // What the page shows of the achievement: worked out only when the page is drawn, not when a kept one is answered.
      let shown: AchievementView | undefined
      const achievementOf = () => (shown ??= achievementView(view.document.credential))
      const model = (checkedAt: Date) => {
        const achievement = achievementOf()
        const links = credentialLinks(view, achievement, platform.publicUrl, badge)
        return {
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
          endorsements,
        }
      }
      const options = () => {
        const achievement = achievementOf()
        return { title: achievement.name, head: credentialHead(achievement, view.org.name, credentialLinks(view, achievement, platform.publicUrl, badge)), description: achievement.description.slice(0, 300) || undefined }
      }
      // An anonymous visitor's page without endorsements is kept per credential and language while
      // nothing it was drawn from changed (data.version); the CSRF token and the time it was checked are filled in per request.
      if (data.version !== undefined && c.get('actor') === undefined && endorsements.length === 0 && !c.req.url.includes('?')) {
        const key = `${view.id} ${localeOf(c)}`
        const now = data.checkedAt.getTime()
        let kept = pageTemplates.get(key)
        if (kept === undefined || kept.version !== data.version || now >= kept.until) {
          kept = { version: data.version, until: data.stableUntil, template: await renderTemplate(c, (checkedAt) => <CredentialView model={model(checkedAt)} />, options(), data.checkedAt) }
          pageTemplates.set(key, kept)
        }
        return answerTemplate(c, kept.template, data.checkedAt)
      }
      return render(c, <CredentialView model={model(data.checkedAt)} />, options())
    })
    .get('/c/:id/credential.json', (c) => download(c, 'json'))
    .get('/c/:id/credential.jwt', (c) => download(c, 'jwt'))
    .get('/c/:id/badge.png', (c) => download(c, 'png'))
    .get('/c/:id/badge.svg', (c) => download(c, 'svg'))
    .get('/c/:id/certificate.pdf', (c) => download(c, 'pdf'))
    .get('/claim/:token', (c) => claimPage(c, c.req.param('token')))
    .post('/claim/:token', async (c) => {
      const token = c.req.param('token')
      const form = await readForm(c)
      try {
        const view = await c.get('platform').credentials.acceptClaim({ token, showName: form['show_name'] === '1' })
        return c.redirect(`/c/${credentialUuid(view.id)}?accepted=1`, 303)
      } catch (err) {
        if (!isPlatformError(err, 'ERR_TOKEN_INVALID')) throw err
        return claimPage(c, token, { status: 400 })
      }
    })
    // Signed in: the credential goes into the learner's wallet, when it was sent to one of their confirmed addresses.
    .post('/claim/:token/wallet', async (c) => {
      const token = c.req.param('token')
      const user = requireUser(c)
      const form = await readForm(c)
      try {
        const item = await c.get('platform').wallet.claim(user.id, { token, showName: form['show_name'] === '1' }, c.get('fetchLocal'))
        return c.redirect(`/wallet/${item.id}?notice=claimed`, 303)
      } catch (err) {
        if (err instanceof ClaimRefusedError) return claimPage(c, token, { status: 403, refusal: err.reason })
        if (!isPlatformError(err, 'ERR_TOKEN_INVALID')) throw err
        return claimPage(c, token, { status: 400 })
      }
    })
    // The learner declines the credential: the issuer sees it declined and the link stops working.
    .post('/claim/:token/decline', async (c) => {
      const token = c.req.param('token')
      try {
        await c.get('platform').wallet.decline(token)
      } catch (err) {
        if (!isPlatformError(err, 'ERR_TOKEN_INVALID')) throw err
        return claimPage(c, token, { status: 400 })
      }
      return c.redirect(`/claim/${encodeURIComponent(token)}`, 303)
    })
    // The learner asks for a fresh link: mailed to the address on record, the same answer whatever happened.
    .post('/claim/:token/new-link', async (c) => {
      const token = c.req.param('token')
      await c.get('platform').credentials.requestClaimLink(token)
      return c.redirect(`/claim/${encodeURIComponent(token)}?sent=1`, 303)
    })
    // The issuer resends the claim link from the credential's back-office page.
    .post('/orgs/:org/credentials/:id/resend-claim', async (c) => {
      const { org } = await requireOrg(c, c.req.param('org'), MIN_ROLE.issue)
      const back = `/orgs/${org.slug}/credentials/${encodeURIComponent(c.req.param('id'))}`
      try {
        await c.get('platform').credentials.resendClaim({ orgId: org.id, credentialId: c.req.param('id') })
        return c.redirect(`${back}?done=claim-link`, 303)
      } catch (err) {
        if (!isPlatformError(err, 'ERR_RATE_LIMITED')) throw err
        return c.redirect(`${back}?done=claim-link-limited`, 303)
      }
    })
}
