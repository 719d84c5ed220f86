import { html, raw } from 'hono/html'
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { achievementView, httpUrl, issuerOf, type AchievementView } from '../../../app/credentials/achievement-view.js'
import { renderMarkdown } from './markdown-lite.js'
import { verdictBanner, verificationPanel } from './verification-panel.js'
import { credentialLinks, type BadgeImageType, type CredentialLinks } from './credential-links.js'
import { readableDate } from './dates.js'

/** Everything the credential page is drawn from. */
export interface CredentialPageProps {
  view: IssuedCredentialView
  report: VerificationReport
  publicUrl: string
  checkedAt: Date
  /** The badge image's type on this instance (decides which baked images are offered). */
  badge: BadgeImageType
  /** A QR code (SVG) of the page's URL. */
  qrSvg: string
}


/** The page title and the OpenGraph / Twitter card tags for link previews (absolute URLs). */
export function credentialHead(a: AchievementView, issuerName: string, links: CredentialLinks) {
  const title = `${a.name} — ${issuerName}`
  const description = (a.description || `A credential issued by ${issuerName}.`).slice(0, 300)
  const image = a.imageUrl ?? links.badgeSvgUrl
  return html`<meta name="description" content="${description}" />
    <link rel="canonical" href="${links.pageUrl}" />
    <link rel="alternate" type="application/vc" href="${links.documentUrl}" />
    <meta property="og:type" content="website" />
    <meta property="og:site_name" content="Emblem" />
    <meta property="og:title" content="${title}" />
    <meta property="og:description" content="${description}" />
    <meta property="og:url" content="${links.pageUrl}" />
    ${image ? html`<meta property="og:image" content="${image}" /><meta property="og:image:alt" content="${a.name} badge" />` : ''}
    <meta name="twitter:card" content="summary" />
    <meta name="twitter:title" content="${title}" />
    <meta name="twitter:description" content="${description}" />
    ${image ? html`<meta name="twitter:image" content="${image}" />` : ''}`
}

/** The public page of an issued credential: achievement, EU elements, skills, issuer, learner, dates, live verification, downloads. */
export function credentialPage({ view, report, publicUrl, checkedAt, badge, qrSvg }: CredentialPageProps) {
  const { credential } = view.document
  const a = achievementView(credential)
  const issuer = issuerOf(credential)
  const issuerName = typeof issuer.name === 'string' ? issuer.name : view.org.name
  const links = credentialLinks(view, a, publicUrl, badge)
  const issued = readableDate(credential.validFrom ?? credential.issuanceDate)
  const awarded = readableDate(credential.awardedDate)
  const expires = readableDate(credential.validUntil ?? credential.expirationDate)
  const expired = typeof credential.validUntil === 'string' && Date.parse(credential.validUntil) < checkedAt.getTime()
  const main = html`<article class="credential" aria-labelledby="credential-title">
    ${verdictBanner(view, report)}
    <div class="grid">
      <div>
        ${a.imageUrl ? html`<img class="badge-image" src="${a.imageUrl}" alt="${a.name} badge" />` : ''}
      </div>
      <div>
        <p class="muted">${a.achievementType === 'MicroCredential' ? 'Micro-credential' : 'Credential'} issued by ${issuerName}</p>
        <h1 id="credential-title">${a.name}</h1>
        <dl>
          <dt>Awarded to</dt><dd>${view.showName ? view.recipientName : html`<span class="muted">The learner keeps their name private</span>`}</dd>
          <dt>Issued by</dt><dd><a href="/orgs/${view.org.slug}">${issuerName}</a></dd>
          ${issued ? html`<dt>Issued on</dt><dd>${issued}</dd>` : ''}
          ${awarded && awarded !== issued ? html`<dt>Awarded on</dt><dd>${awarded}</dd>` : ''}
          <dt>${expired ? 'Expired on' : 'Expires'}</dt><dd>${expires ?? 'Does not expire'}</dd>
        </dl>
      </div>
    </div>
    ${a.description ? html`<p class="lead">${a.description}</p>` : ''}
    ${achievementSections(a)}
    ${verificationPanel(view.id, report, checkedAt)}
    ${issuerSection(view, issuer, issuerName)}
    ${shareSection(links, qrSvg)}
    <p class="muted">Credential <code>${view.id}</code></p>
  </article>`
  return { title: a.name, head: credentialHead(a, issuerName, links), main }
}

function achievementSections(a: AchievementView) {
  return html`${a.criteria || a.criteriaUrl
      ? html`<section aria-labelledby="criteria">
          <h2 id="criteria">What it takes</h2>
          ${a.criteria ? renderMarkdown(a.criteria) : ''}
          ${a.criteriaUrl ? html`<p><a href="${a.criteriaUrl}">Full criteria</a></p>` : ''}
        </section>`
      : ''}
    ${a.learningOutcomes.length
      ? html`<section aria-labelledby="outcomes">
          <h2 id="outcomes">Learning outcomes</h2>
          <ul>${a.learningOutcomes.map((o) => html`<li>${o}</li>`)}</ul>
        </section>`
      : ''}
    ${a.facts.length || a.prerequisites || a.qualityAssurance
      ? html`<section aria-labelledby="facts">
          <h2 id="facts">About this micro-credential</h2>
          <dl>
            ${a.facts.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}
            ${a.prerequisites ? html`<dt>Prerequisites</dt><dd>${renderMarkdown(a.prerequisites, 4)}</dd>` : ''}
            ${a.qualityAssurance ? html`<dt>Quality assurance</dt><dd>${renderMarkdown(a.qualityAssurance, 4)}</dd>` : ''}
          </dl>
        </section>`
      : ''}
    ${a.otherSections.map((s) => html`<section><h2>${s.title}</h2>${renderMarkdown(s.text)}</section>`)}
    ${a.skills.length
      ? html`<section aria-labelledby="skills">
          <h2 id="skills">Skills</h2>
          <ul>
            ${a.skills.map((s) => {
              const url = httpUrl(s.targetUrl)
              const framework = s.targetFramework ? html` <span class="muted">(${s.targetFramework}${s.targetCode ? ` ${s.targetCode}` : ''})</span>` : ''
              return html`<li>${url ? html`<a href="${url}">${s.targetName}</a>` : s.targetName}${framework}</li>`
            })}
          </ul>
        </section>`
      : ''}
    ${a.tags.length ? html`<p>${a.tags.map((t) => html`<span class="pill">${t}</span> `)}</p>` : ''}`
}

function issuerSection(view: IssuedCredentialView, issuer: ReturnType<typeof issuerOf>, issuerName: string) {
  const logo = httpUrl(issuer.image?.id)
  const site = httpUrl(issuer.url)
  const country = issuer.address?.addressCountry ?? issuer.address?.addressCountryCode
  return html`<section aria-labelledby="issuer">
    <h2 id="issuer">Issuer</h2>
    ${logo ? html`<img class="badge-image" src="${logo}" alt="${issuerName} logo" />` : ''}
    <p><a href="/orgs/${view.org.slug}"><strong>${issuerName}</strong></a></p>
    ${typeof issuer.description === 'string' ? html`<p>${issuer.description}</p>` : ''}
    <dl>
      ${country ? html`<dt>Country</dt><dd>${country}</dd>` : ''}
      ${site ? html`<dt>Website</dt><dd><a href="${site}">${site}</a></dd>` : ''}
      ${typeof issuer.id === 'string' ? html`<dt>Identifier (DID)</dt><dd><code>${issuer.id}</code></dd>` : ''}
    </dl>
  </section>`
}

function shareSection(links: CredentialLinks, qrSvg: string) {
  return html`<section aria-labelledby="share" class="no-print">
    <h2 id="share">Share and download</h2>
    <ul>
      <li><a href="${links.linkedIn}" rel="noopener">Add to LinkedIn profile</a></li>
      <li><a href="${links.jsonPath}" download>Credential (${links.jsonLabel})</a></li>
      ${links.pngPath
        ? html`<li><a href="${links.pngPath}" download>Badge image with the credential baked in (PNG)</a></li>`
        : html`<li class="muted">A baked PNG needs a PNG badge image; this badge is SVG, so download the baked SVG.</li>`}
      ${links.svgPath ? html`<li><a href="${links.svgPath}" download>Badge image with the credential baked in (SVG)</a></li>` : ''}
      <li><a href="${links.pdfPath}" download>Certificate (PDF) with a QR code to this page</a></li>
    </ul>
  </section>
  <figure>
    ${raw(qrSvg)}
    <figcaption class="muted">Scan to verify this credential: <a href="${links.pageUrl}">${links.pageUrl}</a></figcaption>
  </figure>`
}
