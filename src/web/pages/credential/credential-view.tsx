// The public page of an issued credential, the way Credly's leads: the verdict, then the badge and
// what was earned, by whom, from whom, then what it means (criteria, outcomes, EU elements,
// skills), every verification check, the issuer, and how to share, download and print it.
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import type { VerifiedEndorsement } from '../../../app/endorsements/endorsements-use-cases.js'
import { EndorsementList } from '../trust/endorsement-list.js'
import type { Verdict } from '../../../app/credentials/verdict.js'
import type { VerificationReport } from '../../../core/verification/index.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { CopyButton, CopyField } from '../../components/copy-button.js'
import { Icon } from '../../components/icons.js'
import { CheckList, VerdictBanner } from '../../components/verification.js'
import { useT } from '../../kit/env.js'
import { httpUrl, issuerOf, type AchievementView } from '../../../app/credentials/achievement-view.js'
import type { CredentialLinks } from './credential-links.js'
import { renderMarkdown } from './markdown-lite.js'

/** What the page is drawn from. */
export interface CredentialModel {
  view: IssuedCredentialView
  achievement: AchievementView
  report: VerificationReport
  verdict: Verdict
  /** The log check is waiting for the next checkpoint (issued seconds ago). */
  logPending: boolean
  checkedAt: Date
  links: CredentialLinks
  /** The QR code of the page, as SVG markup made by the server (no user input in it). */
  qrSvg: string
  /** The learner just accepted it from the claim link. */
  accepted: boolean
  /** The issuer's logo on this instance, when it has one. */
  issuerLogoUrl?: string | undefined
  /** Active endorsements of its achievement and its issuer, each verified. */
  endorsements?: readonly VerifiedEndorsement[] | undefined
}

function Downloads({ links }: { links: CredentialLinks }) {
  const t = useT()
  return (
    <details class="menu">
      <summary class="button secondary"><Icon name="download" />{t.t('cred.download.label')}<Icon name="chevronDown" /></summary>
      <div class="menu-panel">
        <ul>
          <li><a href={links.pdfPath} download><Icon name="file" />{t.t('cred.download.pdf')}</a></li>
          {links.pngPath && <li><a href={links.pngPath} download><Icon name="image" />{t.t('cred.download.png')}</a></li>}
          {links.svgPath && <li><a href={links.svgPath} download><Icon name="image" />{t.t('cred.download.svg')}</a></li>}
          <li><a href={links.jsonPath} download><Icon name="code" />{t.t('cred.download.json', { format: links.jsonLabel })}</a></li>
          <li><a href={links.elmPath} download data-download="elm"><Icon name="code" />{t.t('clr.download.elm')}</a></li>
        </ul>
      </div>
    </details>
  )
}

/**
 * True when the credential has status entries but none for suspension (its organization issues one
 * entry, as the official OB 3.0 schema allows): a suspension is then this instance's alone.
 */
function carriesRevocationOnly(credential: Record<string, unknown>): boolean {
  const status = credential.credentialStatus
  const entries = Array.isArray(status) ? status : status === undefined ? [] : [status]
  return entries.length > 0 && !entries.some((e) => typeof e === 'object' && e !== null && (e as { statusPurpose?: unknown }).statusPurpose === 'suspension')
}

/** The page. */
export function CredentialView({ model }: { model: CredentialModel }) {
  const t = useT()
  const { view, achievement: a, report, verdict, links } = model
  const { credential } = view.document
  const issuer = issuerOf(credential)
  const issuerName = typeof issuer.name === 'string' ? issuer.name : view.org.name
  const validFrom = typeof credential.validFrom === 'string' ? credential.validFrom : typeof credential.issuanceDate === 'string' ? credential.issuanceDate : undefined
  const validUntil = typeof credential.validUntil === 'string' ? credential.validUntil : typeof credential.expirationDate === 'string' ? credential.expirationDate : undefined
  const awarded = typeof credential.awardedDate === 'string' ? credential.awardedDate : undefined
  const isExpired = validUntil !== undefined && Date.parse(validUntil) < model.checkedAt.getTime()
  const withdrawn = verdict === 'revoked' || verdict === 'suspended'
  const site = httpUrl(issuer.url)
  const country = issuer.address?.addressCountry ?? issuer.address?.addressCountryCode
  return (
    <div class="container page credential-page">
      {model.accepted && (
        <Alert kind="ok" title={t.t('cred.accepted.title')}><p>{t.t('cred.accepted.text')}</p></Alert>
      )}
      <VerdictBanner verdict={verdict} reason={withdrawn ? view.stateReason : undefined} changedAt={withdrawn ? view.stateChangedAt : undefined} checkedAt={model.checkedAt} />

      <article class={`credential-hero card ${withdrawn ? 'withdrawn' : ''}`} aria-labelledby="credential-title">
        <div class="credential-art">
          {a.imageUrl ? <img class="badge-img" src={a.imageUrl} alt={t.t('cred.badgeAlt', { name: a.name })} width="220" height="220" /> : <Icon name="award" class="badge-placeholder" />}
          {withdrawn && <span class="withdrawn-stamp" aria-hidden="true">{t.t(`common.status.${verdict === 'revoked' ? 'revoked' : 'suspended'}`)}</span>}
        </div>
        <div class="credential-head">
          <span class="eyebrow">{a.achievementType === 'MicroCredential' ? t.t('cred.kind.micro') : t.t('cred.kind.credential')}</span>
          <h1 id="credential-title">{a.name}</h1>
          <p class="credential-recipient">
            {view.showName ? t.rich('cred.awardedTo', { name: <strong>{view.recipientName}</strong> }) : <span class="muted">{t.t('cred.namePrivate')}</span>}
          </p>
          <a class="credential-issuer" href={`/orgs/${view.org.slug}`}>
            {model.issuerLogoUrl ? <img src={model.issuerLogoUrl} alt="" width="40" height="40" /> : <span class="org-initial" aria-hidden="true">{Array.from(issuerName)[0]?.toUpperCase()}</span>}
            <span><small>{t.t('cred.issuedBy')}</small><strong>{issuerName}</strong></span>
          </a>
          <dl class="fact-tiles credential-dates">
            {validFrom && <div><dt>{t.t('cred.issuedOn')}</dt><dd>{t.date(validFrom)}</dd></div>}
            {awarded && awarded.slice(0, 10) !== validFrom?.slice(0, 10) && <div><dt>{t.t('cred.awardedOn')}</dt><dd>{t.date(awarded)}</dd></div>}
            <div><dt>{isExpired ? t.t('cred.expiredOn') : t.t('cred.expires')}</dt><dd>{validUntil ? t.date(validUntil) : t.t('cred.noExpiry')}</dd></div>
          </dl>
          <div class="actions no-print">
            {!withdrawn && (
              <a class="button" href={links.linkedIn} rel="noopener" target="_blank"><Icon name="linkedin" />{t.t('cred.linkedin')}</a>
            )}
            <Downloads links={links} />
            <CopyButton text={links.pageUrl} label={t.t('cred.copyLink')} size="md" />
          </div>
        </div>
      </article>

      <div class="grid sidebar-right section">
        <div class="stack-lg">
          {(a.description || a.criteria || a.criteriaUrl) && (
            <section class="card prose-card" aria-labelledby="criteria">
              {a.description && <p class="lead">{a.description}</p>}
              {(a.criteria || a.criteriaUrl) && (
                <>
                  <h2 id="criteria">{t.t('cred.criteria')}</h2>
                  {a.criteria && renderMarkdown(a.criteria)}
                  {a.criteriaUrl && <p><a href={a.criteriaUrl}>{t.t('cred.fullCriteria')}</a></p>}
                </>
              )}
            </section>
          )}
          {a.learningOutcomes.length > 0 && (
            <Card title={t.t('cred.outcomes')} id="outcomes">
              <ul class="outcome-list">{a.learningOutcomes.map((o) => <li><Icon name="check" />{o}</li>)}</ul>
            </Card>
          )}
          {(a.facts.length > 0 || a.prerequisites || a.qualityAssurance) && (
            <Card title={t.t('cred.about')} id="facts">
              {a.facts.length > 0 && (
                <dl class="fact-tiles">
                  {a.facts.map((f) => <div><dt>{f.label}</dt><dd>{f.value}</dd></div>)}
                </dl>
              )}
              {(a.prerequisites || a.qualityAssurance) && (
                <dl class="facts stacked section-tight">
                  {a.prerequisites && <><dt>{t.t('cred.prerequisites')}</dt><dd>{renderMarkdown(a.prerequisites, 4)}</dd></>}
                  {a.qualityAssurance && <><dt>{t.t('cred.qualityAssurance')}</dt><dd>{renderMarkdown(a.qualityAssurance, 4)}</dd></>}
                </dl>
              )}
            </Card>
          )}
          {a.otherSections.map((s) => <section class="card prose-card"><h2>{s.title}</h2>{renderMarkdown(s.text)}</section>)}
          {(a.skills.length > 0 || a.tags.length > 0) && (
            <Card title={t.t('cred.skills')} id="skills">
              {a.skills.length > 0 && (
                <ul class="skill-list">
                  {a.skills.map((s) => {
                    const url = httpUrl(s.targetUrl)
                    return (
                      <li>
                        {url ? <a href={url}>{s.targetName}</a> : <span>{s.targetName}</span>}
                        {s.targetFramework && <small>{s.targetFramework}{s.targetCode ? ` · ${s.targetCode}` : ''}</small>}
                      </li>
                    )
                  })}
                </ul>
              )}
              {a.tags.length > 0 && <ul class="tags">{a.tags.map((tag) => <li class="tag">{tag}</li>)}</ul>}
            </Card>
          )}
          <Card title={t.t('cred.verification')} id="verification" note={t.t('verify.checkedAt', { when: t.dateTime(model.checkedAt) })}>
            <CheckList report={report} pendingLog={model.logPending} />
            {carriesRevocationOnly(credential) && <p class="muted small" data-suspension-local>{t.t('cred.suspensionLocalOnly')}</p>}
            <p class="muted small">
              {t.rich('cred.verificationLinks', {
                log: (chunks) => <a href={`/log?credential=${encodeURIComponent(view.id)}`}>{chunks}</a>,
                json: (chunks) => <a href={`/api/v1/credentials/${view.id.replace(/^urn:uuid:/, '')}/verification`}>{chunks}</a>,
              })}
            </p>
          </Card>
          {model.endorsements && model.endorsements.length > 0 && (
            <Card title={t.t('trust.credential.title')} id="endorsements" note={t.t('trust.credential.note', { count: model.endorsements.length })}>
              <EndorsementList endorsements={model.endorsements} />
            </Card>
          )}
        </div>
        <aside class="stack" aria-label={t.t('cred.aside')}>
          <Card title={t.t('cred.issuer')} id="issuer" headingLevel={2}>
            <a class="credential-issuer" href={`/orgs/${view.org.slug}`}>
              {model.issuerLogoUrl ? <img src={model.issuerLogoUrl} alt="" width="40" height="40" /> : <span class="org-initial" aria-hidden="true">{Array.from(issuerName)[0]?.toUpperCase()}</span>}
              <strong>{issuerName}</strong>
            </a>
            {typeof issuer.description === 'string' && <p class="muted small">{issuer.description}</p>}
            <dl class="facts stacked">
              {country && <><dt>{t.t('cred.country')}</dt><dd>{country}</dd></>}
              {site && <><dt>{t.t('cred.website')}</dt><dd><a href={site}>{site.replace(/^https?:\/\//, '')}</a></dd></>}
              {typeof issuer.id === 'string' && <><dt>{t.t('cred.did')}</dt><dd><code>{issuer.id}</code></dd></>}
            </dl>
          </Card>
          <Card title={t.t('cred.scan')} id="qr" class="qr-card">
            <figure>
              <div class="qr" dangerouslySetInnerHTML={{ __html: model.qrSvg }} />
              <figcaption class="muted small">{t.t('cred.scanHint')}</figcaption>
            </figure>
          </Card>
          <Card title={t.t('cred.id')} id="credential-id">
            <CopyField value={view.id} id="credential-id-value" />
            <p class="muted small">{t.rich('cred.document', { link: (chunks) => <a href={links.documentUrl}>{chunks}</a> })}</p>
          </Card>
        </aside>
      </div>
    </div>
  )
}
