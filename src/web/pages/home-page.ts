import { html } from 'hono/html'
import { layout } from '../layout.js'

/** What the home page needs to know about this instance. */
export interface HomePageProps {
  version: string
  publicUrl: string
}

/** The home page: what Emblem is and what this instance offers so far. */
export const homePage = ({ version, publicUrl }: HomePageProps) =>
  layout({
    title: 'Emblem: open micro-credentials',
    version,
    main: html`
      <h1>Emblem</h1>
      <p class="lead">
        Emblem is an open micro-credential platform. Issuers define and award micro-credentials as signed
        Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0); learners keep and share them; anyone can
        verify them, with every check shown, and follow a public transparency log of everything issued.
      </p>
      <h2>This instance</h2>
      <dl>
        <dt>Address</dt>
        <dd><code>${publicUrl}</code></dd>
        <dt>Version</dt>
        <dd><code>${version}</code></dd>
      </dl>
      <p>
        The platform's pages and API are being built. For now this server answers a
        <a href="/healthz">health check at <code>/healthz</code></a>, and the <code>emblem</code> command line signs and
        verifies credentials.
      </p>
    `,
  })
