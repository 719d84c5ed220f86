// The claim pages: the learner's link from the e-mail. A fresh link shows who issued what, the
// badge, what the learner gets, and the Accept form; a used, replaced or unknown link explains
// itself, links to the credential's public page when it was accepted, and offers a new link.
import type { AchievementView } from '../../../app/credentials/achievement-view.js'
import { Alert } from '../../components/alert.js'
import { Card } from '../../components/card.js'
import { Checkbox, Form, FormActions } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'

/** Who issued the credential, as the claim pages show them. */
export interface ClaimIssuer {
  name: string
  logoUrl?: string | undefined
}

/** The credential a claim link names. */
export interface ClaimCredential {
  /** The UUID of its public page `/c/<uuid>`. */
  uuid: string
  achievement: AchievementView
  issuer: ClaimIssuer
  recipientName: string
  showName: boolean
  issuedAt: string | undefined
  claimedAt: string | null
  revoked: boolean
  stateReason: string | null
}

/** The page of a fresh claim link. */
export interface ClaimModel {
  token: string
  credential: ClaimCredential
  /** The learner just asked for a new link (the same answer whatever happened). */
  sent: boolean
  /** Whether someone is signed in (then the credential can go into their wallet). */
  signedIn?: boolean
  /** Why adding it to the wallet was just refused. */
  refusal?: 'other-address' | 'no-confirmed-address' | undefined
}

/** The page of a used, replaced or unknown claim link. */
export interface ClaimLinkModel {
  token: string
  state: 'claimed' | 'superseded' | 'unknown' | 'declined'
  credential?: ClaimCredential | undefined
  sent: boolean
}

function IssuerMark({ issuer }: { issuer: ClaimIssuer }) {
  return issuer.logoUrl
    ? <img src={issuer.logoUrl} alt="" width="40" height="40" />
    : <span class="org-initial" aria-hidden="true">{Array.from(issuer.name)[0]?.toUpperCase()}</span>
}

function BadgeArt({ credential, size }: { credential: ClaimCredential; size: number }) {
  const t = useT()
  const a = credential.achievement
  return a.imageUrl
    ? <img class="badge-img" src={a.imageUrl} alt={t.t('cred.badgeAlt', { name: a.name })} width={String(size)} height={String(size)} />
    : <Icon name="award" class="badge-placeholder" label={t.t('cred.badgeAlt', { name: a.name })} />
}

function SentNotice({ sent }: { sent: boolean }) {
  const t = useT()
  return sent ? <Alert kind="ok"><p>{t.t('claim.newLink.sent')}</p></Alert> : null
}

/** The form that asks for a fresh link, mailed to the address on record. */
function NewLinkForm({ token }: { token: string }) {
  const t = useT()
  return (
    <Card title={t.t('claim.newLink.title')} id="new-link" class="claim-new-link">
      <p class="muted">{t.t('claim.newLink.text')}</p>
      <Form action={`/claim/${token}/new-link`} class="claim-new-link-form">
        <button type="submit" class="button secondary"><Icon name="send" />{t.t('claim.newLink.button')}</button>
      </Form>
    </Card>
  )
}

/** Signed in: keep the credential in the wallet (refused, with the reason, unless it was sent to a confirmed address). */
function WalletClaim({ model }: { model: ClaimModel }) {
  const t = useT()
  const c = model.credential
  return (
    <Card title={t.t('wallet.claim.title')} id="wallet-claim" class="claim-accept">
      {model.refusal && (
        <Alert kind="bad" title={t.t('wallet.claim.refusedTitle')}>
          <p>{t.rich(`wallet.claim.refused.${model.refusal}`, { link: (chunks) => <a href="/account/emails">{chunks}</a> })}</p>
        </Alert>
      )}
      <p>{t.t('wallet.claim.lead')}</p>
      <Form action={`/claim/${model.token}/wallet`}>
        <Checkbox name="show_name" id="wallet_show_name" checked={c.showName} label={t.t('claim.form.showName', { name: c.recipientName })} hint={t.t('claim.form.showNameHint')} />
        <FormActions>
          <button type="submit" class="button"><Icon name="inbox" />{t.t('wallet.claim.button')}</button>
        </FormActions>
      </Form>
    </Card>
  )
}

/** Decline the credential: the issuer sees it declined and the link stops working (asked twice: a details disclosure, no script). */
function DeclineForm({ token }: { token: string }) {
  const t = useT()
  return (
    <details class="claim-decline">
      <summary>{t.t('wallet.claim.decline')}</summary>
      <Form action={`/claim/${token}/decline`}>
        <p class="muted small">{t.t('wallet.claim.declineText')}</p>
        <button type="submit" class="button danger sm">{t.t('wallet.claim.declineConfirm')}</button>
      </Form>
    </details>
  )
}

/** A fresh claim link: the credential, what the learner gets, and Accept. */
export function ClaimView({ model }: { model: ClaimModel }) {
  const t = useT()
  const { credential: c, token } = model
  const a = c.achievement
  return (
    <div class="container page claim-page">
      <SentNotice sent={model.sent} />
      <article class={`credential-hero card claim-hero ${c.revoked ? 'withdrawn' : ''}`} aria-labelledby="claim-title">
        <div class="credential-art"><BadgeArt credential={c} size={220} /></div>
        <div class="credential-head">
          <span class="eyebrow">{t.t('claim.eyebrow', { issuer: c.issuer.name })}</span>
          <h1 id="claim-title">{a.name}</h1>
          <p class="credential-recipient">{t.rich('cred.awardedTo', { name: <strong>{c.recipientName}</strong> })}</p>
          <div class="credential-issuer">
            <IssuerMark issuer={c.issuer} />
            <span><small>{t.t('cred.issuedBy')}</small><strong>{c.issuer.name}</strong></span>
          </div>
          {c.issuedAt && (
            <dl class="fact-tiles credential-dates">
              <div><dt>{t.t('cred.issuedOn')}</dt><dd>{t.date(c.issuedAt)}</dd></div>
            </dl>
          )}
          {a.description && <p class="claim-description muted">{a.description}</p>}
        </div>
      </article>

      <div class="grid sidebar-right section claim-grid">
        <div class="stack">
          {c.revoked ? (
            <Alert kind="bad" title={c.stateReason ? t.t('claim.revoked.titleReason', { reason: c.stateReason }) : t.t('claim.revoked.title')}>
              <p>{t.t('claim.revoked.text', { issuer: c.issuer.name })}</p>
            </Alert>
          ) : (
            <>
              {model.signedIn && <WalletClaim model={model} />}
              <Card title={t.t('claim.form.title')} id="accept" class="claim-accept">
                <p>{t.t('claim.form.lead')}</p>
                <Form action={`/claim/${token}`}>
                  <Checkbox name="show_name" checked={c.showName} label={t.t('claim.form.showName', { name: c.recipientName })} hint={t.t('claim.form.showNameHint')} />
                  <FormActions>
                    <button type="submit" class={model.signedIn ? 'button secondary' : 'button'}><Icon name="check" />{t.t('claim.form.accept')}</button>
                    <a class="button secondary" href={`/c/${c.uuid}`}>{t.t('claim.form.preview')}</a>
                  </FormActions>
                </Form>
                {!model.signedIn && (
                  <p class="muted small claim-wallet-invite">
                    {t.rich('wallet.claim.invite', {
                      signIn: (chunks) => <a href={`/sign-in?next=${encodeURIComponent(`/claim/${token}`)}`}>{chunks}</a>,
                      signUp: (chunks) => <a href={`/sign-up?next=${encodeURIComponent(`/claim/${token}`)}`}>{chunks}</a>,
                    })}
                  </p>
                )}
              </Card>
              <DeclineForm token={token} />
            </>
          )}
        </div>
        <aside aria-label={t.t('claim.gets.title')}>
          <Card title={t.t('claim.gets.title')} id="what-you-get">
            <ul class="outcome-list">
              <li><Icon name="shield" /><span>{t.t('claim.gets.page')}</span></li>
              <li><Icon name="image" /><span>{t.t('claim.gets.badge')}</span></li>
              <li><Icon name="file" /><span>{t.t('claim.gets.pdf')}</span></li>
              <li><Icon name="linkedin" /><span>{t.t('claim.gets.share')}</span></li>
            </ul>
          </Card>
        </aside>
      </div>
    </div>
  )
}

/** A used, replaced or unknown claim link: what happened, the credential's page, and a new link. */
export function ClaimLinkView({ model }: { model: ClaimLinkModel }) {
  const t = useT()
  const { credential: c, state, token } = model
  const title = state === 'claimed' ? t.t('claim.used.title') : state === 'superseded' ? t.t('claim.superseded.title') : state === 'declined' ? t.t('wallet.claim.declinedTitle') : t.t('claim.unknown.title')
  return (
    <div class="container page claim-page claim-link-page">
      <SentNotice sent={model.sent} />
      <section class="card claim-status" aria-labelledby="claim-status-title">
        {c ? <div class="claim-status-art"><BadgeArt credential={c} size={128} /></div> : <div class="claim-status-art"><Icon name="link" class="claim-status-icon" /></div>}
        <div class="claim-status-body">
          {c && <span class="eyebrow">{c.issuer.name}</span>}
          <h1 id="claim-status-title">{title}</h1>
          {state === 'claimed' && c && (
            <p>{t.t('claim.used.text', { achievement: c.achievement.name, date: c.claimedAt ? t.date(c.claimedAt) : '' })}</p>
          )}
          {state === 'superseded' && c && <p>{t.t('claim.superseded.text', { achievement: c.achievement.name })}</p>}
          {state === 'declined' && c && <p>{t.t('wallet.claim.declinedText', { achievement: c.achievement.name, issuer: c.issuer.name })}</p>}
          {state === 'unknown' && (
            <>
              <p>{t.t('claim.unknown.text')}</p>
              <p class="muted small">{t.rich('claim.code', { code: <code>ERR_TOKEN_INVALID</code> })}</p>
            </>
          )}
          {c?.revoked && (
            <Alert kind="bad" title={c.stateReason ? t.t('claim.revoked.titleReason', { reason: c.stateReason }) : t.t('claim.revoked.title')}>
              <p>{t.t('claim.revoked.text', { issuer: c.issuer.name })}</p>
            </Alert>
          )}
          {c && c.claimedAt && (
            <div class="actions">
              <a class="button" href={`/c/${c.uuid}`}><Icon name="award" />{t.t('claim.used.open')}</a>
            </div>
          )}
        </div>
      </section>
      {c && !c.revoked && state !== 'declined' && <NewLinkForm token={token} />}
    </div>
  )
}
