// "Share and download" for one wallet credential (its wallet page renders <WalletShareActions>), and
// the same links on the public share pages: LinkedIn (add to profile, post), the downloads, an
// embeddable badge snippet and a share link form.
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { CopyField } from '../../components/copy-button.js'
import { Card } from '../../components/card.js'
import { CsrfField } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { usePage } from '../../kit/env.js'
import { linkedInAddUrl } from '../credential/linkedin-url.js'

/** What the actions need of a wallet credential (a WalletItemRecord has it all). */
export interface ShareableItem {
  id: string
  name: string
  issuerName: string
  issuedAt: string | null
  expiresAt: string | null
  credentialId: string | null
  issuedCredentialId: string | null
  format: string
  hidden: boolean
}

/** Where a credential's downloads and public page are. */
export interface ShareLinksOf {
  /** The page a visitor verifies it on (absolute), when there is one. */
  publicUrl: string | undefined
  png: string
  svg: string
  pdf: string | undefined
  json: string
  jsonIsJwt: boolean
  linkedInAdd: string
  linkedInPost: string | undefined
}

/** The post-to-LinkedIn link of a public page. */
export const linkedInPostUrl = (url: string): string => `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`

/**
 * The links of an item: a credential of this instance uses its public page's downloads (/c/{id});
 * an imported one its wallet downloads (`base`: /wallet/{id}/download for the owner, /s/{token}/download
 * on a share page), and `publicUrl` when the caller knows one (its public profile page or share link).
 */
export function shareLinksOf(item: ShareableItem, origin: string, options: { base?: string; publicUrl?: string | undefined } = {}): ShareLinksOf {
  const issuedAt = item.issuedAt && !Number.isNaN(Date.parse(item.issuedAt)) ? new Date(item.issuedAt) : undefined
  const expires = item.expiresAt && !Number.isNaN(Date.parse(item.expiresAt)) ? new Date(item.expiresAt) : undefined
  if (item.issuedCredentialId) {
    const page = `/c/${credentialUuid(item.issuedCredentialId)}`
    const url = `${origin}${page}`
    return {
      publicUrl: url,
      png: `${page}/badge.png`,
      svg: `${page}/badge.svg`,
      pdf: `${page}/certificate.pdf`,
      json: item.format === 'vc-jwt' ? `${page}/credential.jwt` : `${page}/credential.json`,
      jsonIsJwt: item.format === 'vc-jwt',
      linkedInAdd: linkedInAddUrl({ name: item.name, organizationName: item.issuerName, issued: issuedAt ?? new Date(0), expires, certUrl: url, certId: item.issuedCredentialId }),
      linkedInPost: linkedInPostUrl(url),
    }
  }
  const base = options.base ?? `/wallet/${encodeURIComponent(item.id)}/download`
  const certUrl = options.publicUrl ?? (item.credentialId && /^https:\/\//.test(item.credentialId) ? item.credentialId : '')
  return {
    publicUrl: options.publicUrl,
    png: `${base}/badge.png`,
    svg: `${base}/badge.svg`,
    pdf: undefined,
    json: item.format === 'vc-jwt' ? `${base}/credential.jwt` : `${base}/credential.json`,
    jsonIsJwt: item.format === 'vc-jwt',
    linkedInAdd: linkedInAddUrl({ name: item.name, organizationName: item.issuerName, issued: issuedAt ?? new Date(0), expires, certUrl, certId: item.credentialId ?? item.id }),
    linkedInPost: options.publicUrl ? linkedInPostUrl(options.publicUrl) : undefined,
  }
}

/** The HTML a learner pastes into their site: the badge image, linked to its verification page. */
export function embedSnippet(links: ShareLinksOf, origin: string, alt: string, title: string): string | undefined {
  if (!links.publicUrl) return undefined
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const image = links.png.startsWith('/') ? `${origin}${links.png}` : links.png
  return `<a href="${esc(links.publicUrl)}" title="${esc(title)}" target="_blank" rel="noopener"><img src="${esc(image)}" alt="${esc(alt)}" width="120" height="120"></a>`
}

/** LinkedIn buttons and the downloads menu. */
export function ShareButtons({ links }: { links: ShareLinksOf }) {
  const { t } = usePage()
  return (
    <div class="share-buttons cluster">
      <a class="button" href={links.linkedInAdd} rel="noopener" target="_blank"><Icon name="linkedin" />{t.t('share.actions.linkedinAdd')}</a>
      {links.linkedInPost && <a class="button secondary" href={links.linkedInPost} rel="noopener" target="_blank"><Icon name="share" />{t.t('share.actions.linkedinPost')}</a>}
      <details class="menu">
        <summary class="button secondary"><Icon name="download" />{t.t('share.actions.downloads')}<Icon name="chevronDown" /></summary>
        <div class="menu-panel">
          <ul>
            {links.pdf && <li><a href={links.pdf} download><Icon name="file" />{t.t('share.actions.pdf')}</a></li>}
            <li><a href={links.png} download><Icon name="image" />{t.t('share.actions.png')}</a></li>
            <li><a href={links.svg} download><Icon name="image" />{t.t('share.actions.svg')}</a></li>
            <li><a href={links.json} download><Icon name="code" />{links.jsonIsJwt ? t.t('share.actions.jwt') : t.t('share.actions.json')}</a></li>
          </ul>
        </div>
      </details>
    </div>
  )
}

/** Share and download, for the credential's own wallet page. */
export function WalletShareActions({ item, profileUrl }: { item: ShareableItem; profileUrl?: string | undefined }) {
  const { t, publicUrl } = usePage()
  const links = shareLinksOf(item, publicUrl, { publicUrl: item.issuedCredentialId ? undefined : profileUrl })
  const embed = embedSnippet(links, publicUrl, t.t('share.embed.alt', { name: item.name, issuer: item.issuerName }), t.t('share.embed.verify', { name: item.name }))
  return (
    <Card title={t.t('share.actions.title')} id="share" class="share-actions">
      <ShareButtons links={links} />
      {embed && (
        <div class="share-block">
          <h3>{t.t('share.actions.embed')}</h3>
          <p class="muted small">{t.t('share.actions.embedHint')}</p>
          <CopyField value={embed} id={`embed-${item.id}`} />
        </div>
      )}
      <div class="share-block">
        <h3>{t.t('share.actions.link')}</h3>
        {item.hidden ? (
          <p class="muted small">{t.t('share.actions.hiddenNote')}</p>
        ) : (
          <>
            <p class="muted small">{t.t('share.actions.linkHint')}</p>
            <form method="post" action="/wallet/share-links" class="share-link-form">
              <CsrfField />
              <input type="hidden" name="credential" value={item.id} />
              <ExpirySelect id={`expiry-${item.id}`} />
              <button type="submit" class="button secondary"><Icon name="link" />{t.t('share.links.create')}</button>
            </form>
          </>
        )}
        <p class="small"><a href="/wallet/profile#share-links">{t.t('share.actions.manage')}</a></p>
      </div>
    </Card>
  )
}

/** How long a new share link works. */
export function ExpirySelect({ id }: { id: string }) {
  const { t } = usePage()
  return (
    <div class="field">
      <label for={id}>{t.t('share.links.expiry')}</label>
      <select id={id} name="expiresInDays">
        <option value="">{t.t('share.links.expiry.never')}</option>
        {[7, 30, 90, 365].map((days) => <option value={String(days)}>{t.t('share.links.expiry.days', { days })}</option>)}
      </select>
    </div>
  )
}

/** What the actions need, from the wallet's view of an item. */
export const shareableOf = (item: { id: string; credentialId: string | null; issuedCredentialId: string | null; format: string; hidden: boolean }, d: { name: string; issuer: { name: string }; issuedAt?: string | undefined; expiresAt?: string | undefined }): ShareableItem => ({
  id: item.id,
  name: d.name,
  issuerName: d.issuer.name,
  issuedAt: d.issuedAt ?? null,
  expiresAt: d.expiresAt ?? null,
  credentialId: item.credentialId,
  issuedCredentialId: item.issuedCredentialId,
  format: item.format,
  hidden: item.hidden,
})

/** Links from the wallet to the public profile settings, the skills profile, the career planner, the learner's programs and messages. */
export function WalletShareNav() {
  const { t } = usePage()
  return (
    <>
      <a class="button ghost" href="/wallet/profile"><Icon name="globe" />{t.t('share.profile.title')}</a>
      <a class="button ghost" href="/wallet/skills"><Icon name="sparkle" />{t.t('share.skills.title')}</a>
      <a class="button ghost" href="/wallet/career"><Icon name="layers" />{t.t('career.planner.title')}</a>
      <a class="button ghost" href="/wallet/programs"><Icon name="book" />{t.t('prog.my.title')}</a>
      <a class="button ghost" href="/wallet/pathways"><Icon name="layers" />{t.t('path.my.title')}</a>
      <a class="button ghost" href="/wallet/messages"><Icon name="inbox" />{t.t('talent.messages.title')}</a>
    </>
  )
}
