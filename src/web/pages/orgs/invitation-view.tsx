// The page an invitation e-mail links to: which organization invites whom with which role, and
// the way to accept (signed in with the invited address), or to sign in first.
import type { RoleName } from '../../../app/platform/roles.js'
import { Alert } from '../../components/alert.js'
import { CsrfField, Form } from '../../components/form.js'
import { Icon } from '../../components/icons.js'
import { useT } from '../../kit/env.js'

/** What the invitation page shows. */
export interface InvitationModel {
  org: { name: string; slug: string; logoUrl?: string | undefined }
  email: string
  role: RoleName
  expiresAt: string
  /** The page's own path (accepting posts to it; sign-in comes back to it). */
  here: string
  /** Who is signed in: nobody, the invited address, or someone else. */
  viewer: { kind: 'anonymous' } | { kind: 'invitee' } | { kind: 'other'; email: string }
}

/** The page. */
export function InvitationView({ model }: { model: InvitationModel }) {
  const t = useT()
  const { org, viewer } = model
  const next = encodeURIComponent(model.here)
  const role = t.t(`org.role.${model.role}`)
  return (
    <div class="container page narrow invitation-page">
      <section class="card invitation-card" aria-labelledby="invitation-title">
        <div class="invitation-logo">
          {org.logoUrl ? <img src={org.logoUrl} alt="" width="72" height="72" /> : <span class="org-initial" aria-hidden="true">{Array.from(org.name)[0]?.toUpperCase()}</span>}
        </div>
        <span class="eyebrow">{t.t('org.invitation.eyebrow')}</span>
        <h1 id="invitation-title">{t.t('org.invitation.title', { name: org.name })}</h1>
        <p class="lead">{t.rich('org.invitation.lead', { org: org.name, role, strong: (chunks) => <strong>{chunks}</strong> })}</p>
        <ul class="invitation-facts">
          <li><Icon name="mail" />{t.t('org.invitation.for', { email: model.email })}</li>
          <li><Icon name="clock" />{t.t('org.invitation.expires', { when: t.date(model.expiresAt, 'long') })}</li>
        </ul>
        {viewer.kind === 'anonymous' && (
          <>
            <p>{t.t('org.invitation.signInFirst', { email: model.email })}</p>
            <div class="actions">
              <a class="button" href={`/sign-in?next=${next}`}>{t.t('org.invitation.signIn')}</a>
              <a class="button secondary" href={`/sign-up?next=${next}`}>{t.t('org.invitation.signUp')}</a>
            </div>
          </>
        )}
        {viewer.kind === 'other' && (
          <>
            <Alert kind="warn" title={t.t('org.invitation.otherTitle')}>
              <p>{t.rich('org.invitation.other', { invited: model.email, current: viewer.email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
            </Alert>
            <form method="post" action="/sign-out" class="actions">
              <CsrfField />
              <button type="submit" class="button secondary"><Icon name="signOut" />{t.t('org.invitation.signOut')}</button>
            </form>
          </>
        )}
        {viewer.kind === 'invitee' && (
          <Form action={model.here}>
            <div class="actions">
              <button type="submit" class="button lg"><Icon name="check" />{t.t('org.invitation.accept', { name: org.name })}</button>
              <a class="button ghost" href="/dashboard">{t.t('org.invitation.notNow')}</a>
            </div>
          </Form>
        )}
      </section>
    </div>
  )
}
