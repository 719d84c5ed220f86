import { html } from 'hono/html'
import { layout, type NavUser } from '../layout.js'

/** What the home page needs to know about this instance. */
export interface HomePageProps {
  version: string
  publicUrl: string
  /** The signed-in user, if any (the header and the calls to action change). */
  user?: NavUser | undefined
}

/** The home page: what Emblem is, for whom, and where each of them starts. */
export const homePage = ({ version, publicUrl, user }: HomePageProps) =>
  layout({
    title: 'Emblem: open micro-credentials',
    version,
    user,
    main: html`
      <h1>Emblem</h1>
      <p class="lead">
        Emblem is an open micro-credential platform. Issuers define and award micro-credentials as signed
        Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0); learners keep and share them; anyone can
        verify them, with every check shown, and follow a public transparency log of everything issued.
      </p>
      <p class="actions">
        ${user
          ? html`<a class="button" href="/dashboard">Go to your dashboard</a>`
          : html`<a class="button" href="/sign-up">Create an account</a> <a class="button secondary" href="/sign-in">Sign in</a>`}
      </p>
      <div class="cards">
        <section class="card" aria-labelledby="for-issuers">
          <h2 id="for-issuers">Issuers</h2>
          <p>
            Define micro-credentials with criteria, learning outcomes, workload, EQF level and skills from ESCO or
            O*NET; design the badge; issue one, a CSV of thousands, or through the API. Every credential is signed
            with your organization's own key, published under its <code>did:web</code>.
          </p>
        </section>
        <section class="card" aria-labelledby="for-learners">
          <h2 id="for-learners">Learners</h2>
          <p>
            Claim a credential from the e-mail, share its page or add it to LinkedIn, download the badge with the
            credential baked in, or a PDF certificate with a QR code. It works in any Open Badges 3.0 wallet.
          </p>
        </section>
        <section class="card" aria-labelledby="for-verifiers">
          <h2 id="for-verifiers">Employers</h2>
          <p>
            Every credential page verifies live: signature, issuer, revocation, expiry, and inclusion in the public,
            append-only <a href="/log">transparency log</a> that anyone can audit.
          </p>
        </section>
      </div>
      <h2>This instance</h2>
      <dl>
        <dt>Address</dt>
        <dd><code>${publicUrl}</code></dd>
        <dt>Version</dt>
        <dd><code>${version}</code></dd>
        <dt>Health</dt>
        <dd><a href="/healthz">Service health at <code>/healthz</code></a></dd>
      </dl>
    `,
  })
