import { Hono, type Context } from 'hono'
import { html } from 'hono/html'
import { countryName, orgDid, RESERVED_SLUGS, type OrgRecord } from '../../../app/orgs/index.js'
import '../../../http/context.js'
import { renderPage } from '../../page.js'

/** Paragraphs of a plain-text description (blank lines separate them). */
export const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)

/** The public page of an organization (/orgs/:slug): who it is, and where its signing keys are published. */
export function publicOrgPage(c: Context, org: OrgRecord) {
  const { publicUrl } = c.var.platform
  const did = orgDid(publicUrl, org.slug)
  return renderPage(c, {
    title: org.name,
    head: html`<meta property="og:title" content="${org.name}" />
      ${org.description ? html`<meta name="description" content="${org.description.slice(0, 300)}" />` : ''}
      <link rel="alternate" type="application/ld+json" href="/orgs/${org.slug}" />`,
    main: html`${org.logoImageId ? html`<img class="badge-image" src="/images/${org.logoImageId}" alt="${org.name} logo" />` : ''}
      <h1>${org.name}</h1>
      ${paragraphs(org.description)}
      <dl>
        ${org.url ? html`<dt>Website</dt><dd><a href="${org.url}" rel="nofollow noopener">${org.url}</a></dd>` : ''}
        ${org.email ? html`<dt>E-mail</dt><dd><a href="mailto:${org.email}">${org.email}</a></dd>` : ''}
        ${org.country ? html`<dt>Country</dt><dd>${countryName(org.country)}</dd>` : ''}
        <dt>Issuer identifier</dt>
        <dd><code>${did}</code></dd>
      </dl>
      <p>
        Credentials issued by ${org.name} on Emblem name this identifier as their issuer and are signed with the keys listed in its
        <a href="/orgs/${org.slug}/did.json">DID document</a>. Anyone can check them on the <a href="/log">transparency log</a>.
      </p>`,
  })
}

/** GET /orgs/:slug for browsers (the JSON Profile is the API's, http/routes/public-orgs.ts); reserved words are other pages. */
export const publicOrgRoutes = (): Hono =>
  new Hono().get('/orgs/:slug', async (c, next) => {
    if (RESERVED_SLUGS.has(c.req.param('slug'))) return next()
    const { org } = await c.var.platform.orgs.publicProfile(c.req.param('slug'))
    return publicOrgPage(c, org)
  })
