// A credential from anywhere as a person reads it (1EdTech's Displayer role): badge, name, who it was
// awarded to, issuer, dates, status, description, criteria and skills. Shared by /verify and the
// wallet's import page; everything shown comes from the credential and is escaped by JSX.
import type { Verdict } from '../../../app/credentials/verdict.js'
import type { IntakeFormat } from '../../../app/intake/index.js'
import type { CredentialDisplay } from '../../../app/wallet/display.js'
import { Icon } from '../../components/icons.js'
import { StatusPill, type PillState } from '../../components/status-pill.js'
import { useT, usePage } from '../../kit/env.js'
import { renderMarkdown } from '../credential/markdown-lite.js'

/** The status pill of each verdict. */
export const PILL: Record<Verdict, PillState> = { verified: 'verified', 'not-verified': 'not-verified', revoked: 'revoked', suspended: 'suspended', expired: 'expired', 'issuer-untrusted': 'not-verified' }

/** Whether the page may show `url` as an image: a data: image, or an image on this instance (the CSP allows nothing else). */
function showable(url: string | undefined, publicUrl: string): string | undefined {
  if (!url) return undefined
  if (/^data:image\/(png|jpeg|gif|webp);/i.test(url)) return url
  try {
    return new URL(url).origin === new URL(publicUrl).origin ? url : undefined
  } catch {
    return undefined
  }
}

const httpLink = (url: string | undefined): string | undefined => (url && /^https?:\/\//i.test(url) ? url : undefined)

/** The credential card: what was earned, by whom, from whom, when, and its status in words. */
export function CredentialCard({ display, verdict, format, checkedAt, headingLevel = 2 }: { display: CredentialDisplay; verdict: Verdict; format: IntakeFormat; checkedAt: Date; headingLevel?: 2 | 3 }) {
  const t = useT()
  const { publicUrl } = usePage()
  const image = showable(display.imageUrl, publicUrl)
  const issuerImage = showable(display.issuer.imageUrl, publicUrl)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const expired = display.expiresAt !== undefined && Date.parse(display.expiresAt) < checkedAt.getTime()
  const criteriaUrl = httpLink(display.criteria)
  const issuerUrl = httpLink(display.issuer.url) ?? httpLink(display.issuer.id)
  return (
    <article class="card displayed-credential" aria-labelledby="displayed-credential-name" data-format={format}>
      <div class="displayed-art">
        {image ? <img class="badge-img" src={image} alt={t.t('verify.display.badgeAlt', { name: display.name })} width="160" height="160" /> : <Icon name="award" class="badge-placeholder" />}
      </div>
      <div class="displayed-body">
        <p class="eyebrow">{t.t(`verify.display.format.${format}`)}</p>
        <Heading id="displayed-credential-name" class="displayed-name">{display.name}</Heading>
        {display.recipientName && <p class="displayed-recipient">{t.rich('verify.display.awardedTo', { name: <strong>{display.recipientName}</strong> })}</p>}
        <div class="displayed-issuer">
          {issuerImage ? <img src={issuerImage} alt="" width="40" height="40" /> : <span class="org-initial" aria-hidden="true">{Array.from(display.issuer.name)[0]?.toUpperCase()}</span>}
          <span>
            <small>{t.t('verify.display.issuedBy')}</small>
            {issuerUrl ? <a href={issuerUrl} rel="noopener nofollow"><strong>{display.issuer.name}</strong></a> : <strong>{display.issuer.name}</strong>}
          </span>
        </div>
        <dl class="fact-tiles displayed-dates">
          <div><dt>{t.t('verify.display.status')}</dt><dd><StatusPill state={PILL[verdict]} /></dd></div>
          {display.issuedAt && <div><dt>{t.t('verify.display.issuedOn')}</dt><dd>{t.date(display.issuedAt)}</dd></div>}
          <div><dt>{expired ? t.t('verify.display.expiredOn') : t.t('verify.display.expires')}</dt><dd>{display.expiresAt ? t.date(display.expiresAt) : t.t('verify.display.noExpiry')}</dd></div>
        </dl>
        {display.description && <p class="displayed-description">{display.description}</p>}
        {display.criteria && (
          <div class="displayed-criteria">
            <Heading class="displayed-subhead">{t.t('verify.display.criteria')}</Heading>
            {criteriaUrl ? <p><a href={criteriaUrl} rel="noopener nofollow">{criteriaUrl}</a></p> : renderMarkdown(display.criteria.slice(0, 5000), 4)}
          </div>
        )}
        {display.skills.length > 0 && (
          <div class="displayed-skills">
            <Heading class="displayed-subhead">{t.t('verify.display.skills')}</Heading>
            <ul class="skill-list">
              {display.skills.slice(0, 30).map((s) => {
                const uri = httpLink(s.uri)
                return (
                  <li>
                    {uri ? <a href={uri} rel="noopener nofollow">{s.label}</a> : <span>{s.label}</span>}
                    {s.framework && <small>{s.framework}{s.code ? ` · ${s.code}` : ''}</small>}
                  </li>
                )
              })}
            </ul>
          </div>
        )}
      </div>
    </article>
  )
}
