// A shared credential as a visitor reads it (share link /s/<token>, public profile /u/<handle>/c/<id>):
// the live verdict first, then the badge and what it is, who issued it, its skills, every check.
import type { SharedCredential } from '../../../app/share/shared-credential.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { Card } from '../../components/card.js'
import { CopyField } from '../../components/copy-button.js'
import { Icon } from '../../components/icons.js'
import { Alert } from '../../components/alert.js'
import { CheckList, VerdictBanner } from '../../components/verification.js'
import { usePage } from '../../kit/env.js'
import { ShareButtons, type ShareLinksOf } from './share-actions.js'
import { VerifiedStatus } from './share-parts.js'

/** What the page is drawn from. */
export interface SharedCredentialModel {
  credential: SharedCredential
  report: VerificationReport | undefined
  checkedAt: Date
  /** Who shared it (only when they show their name). */
  owner: string | null
  image: string
  links: ShareLinksOf
  embed: string | undefined
  back?: { href: string; name: string } | undefined
}

/** The page. */
export function SharedCredentialView({ model }: { model: SharedCredentialModel }) {
  const { t } = usePage()
  const { credential: c, report } = model
  const withdrawn = c.verdict === 'revoked' || c.verdict === 'suspended'
  return (
    <div class="container page credential-page shared-credential">
      {model.back && <p class="back-link"><a href={model.back.href}><Icon name="chevronLeft" />{t.t('share.public.backToProfile', { name: model.back.name })}</a></p>}
      <VerdictBanner verdict={c.verdict} checkedAt={report ? model.checkedAt : new Date(c.checkedAt)} />
      {!report && <Alert kind="warn"><p>{t.t('share.shared.notChecked', { when: t.dateTime(c.checkedAt) })}</p></Alert>}
      <article class={`credential-hero card ${withdrawn ? 'withdrawn' : ''}`} aria-labelledby="credential-title">
        <div class="credential-art">
          <img class="badge-img" src={model.image} alt={t.t('share.embed.alt', { name: c.name, issuer: c.issuer.name })} width="220" height="220" />
        </div>
        <div class="credential-head">
          <span class="eyebrow">{t.t('share.shared.eyebrow')}</span>
          <h1 id="credential-title">{c.name}</h1>
          <p class="credential-recipient">
            {model.owner ? t.rich('share.shared.awardedTo', { name: <strong>{model.owner}</strong> }) : null}
          </p>
          <p class="credential-issuer">
            <span class="org-initial" aria-hidden="true">{Array.from(c.issuer.name)[0]?.toUpperCase()}</span>
            <span><small>{t.t('share.shared.issuer')}</small><strong>{c.issuer.name}</strong></span>
          </p>
          <dl class="fact-tiles credential-dates">
            {c.issuedAt && <div><dt>{t.t('share.shared.issued')}</dt><dd>{t.date(c.issuedAt)}</dd></div>}
            <div><dt>{t.t('share.shared.expires')}</dt><dd>{c.expiresAt ? t.date(c.expiresAt) : t.t('share.shared.noExpiry')}</dd></div>
            <div><dt>{t.t('share.shared.verification')}</dt><dd><VerifiedStatus verdict={c.verdict} /></dd></div>
          </dl>
          <div class="actions no-print">
            <ShareButtons links={model.links} />
          </div>
        </div>
      </article>

      <div class="grid sidebar-right section">
        <div class="stack-lg">
          {c.description && (
            <section class="card prose-card" aria-label={c.name}>
              <p class="lead">{c.description}</p>
              {c.issuedHere && <p><a href={`/c/${c.issuedHere}`}>{t.t('share.shared.openIssued')}</a></p>}
            </section>
          )}
          {c.skills.length > 0 && (
            <Card title={t.t('share.shared.skills')} id="skills">
              <ul class="skill-list">
                {c.skills.map((s) => (
                  <li>
                    {s.uri && /^https?:\/\//.test(s.uri) ? <a href={s.uri} rel="noopener nofollow">{s.label}</a> : <span>{s.label}</span>}
                    {(s.framework || s.code) && <small>{[s.framework, s.code].filter(Boolean).join(' · ')}</small>}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {report && (
            <Card title={t.t('share.shared.verification')} id="verification" note={t.t('verify.checkedAt', { when: t.dateTime(model.checkedAt) })}>
              <CheckList report={report} />
            </Card>
          )}
        </div>
        <aside class="stack" aria-label={t.t('share.actions.title')}>
          {model.embed && (
            <Card title={t.t('share.actions.embed')} id="embed">
              <p class="muted small">{t.t('share.actions.embedHint')}</p>
              <CopyField value={model.embed} id="embed-snippet" />
            </Card>
          )}
          {c.credentialId && (
            <Card title={t.t('cred.id')} id="credential-id">
              <CopyField value={c.credentialId} id="credential-id-value" />
            </Card>
          )}
        </aside>
      </div>
    </div>
  )
}
