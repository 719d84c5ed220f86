import { html } from 'hono/html'
import type { StoredCheckpoint } from '../../app/ports.js'
import { encodeBase64 } from '../../core/transparency-log/base64.js'
import { layout, type NavUser } from '../layout.js'
import { growthChart, type GrowthPoint } from './log-growth-chart.js'
import type { InclusionLookup } from '../../app/log-lookup.js'

/** What the /log page shows. Without `published`, the instance has no log. */
export interface LogPageProps {
  version: string
  /** The signed-in user, for the header's navigation. */
  user?: NavUser | undefined
  published?: { latest?: StoredCheckpoint; verifierKey: string; growth: readonly GrowthPoint[] }
  /** The credential id asked about in the form, and what was found. */
  lookup?: InclusionLookup
}

const count = (n: number): string => n.toLocaleString('en')

function lookupResult(lookup: InclusionLookup) {
  const heading = html`<h2 id="inclusion-result">Inclusion of <code>${lookup.credential}</code></h2>`
  switch (lookup.kind) {
    case 'included':
      return html`${heading}
        <p><strong>In the log.</strong> Entry ${count(lookup.index)}; its inclusion proof verified against the signed checkpoint of size ${count(lookup.treeSize)}.</p>
        <dl><dt>Issuer</dt><dd><code>${lookup.issuer}</code></dd><dt>Issued</dt><dd>${lookup.issued}</dd></dl>
        <p><a href="/log/proof/inclusion?credential=${encodeURIComponent(lookup.credential)}">The proof as JSON</a></p>`
    case 'absent':
      return html`${heading}<p><strong>Not in the log.</strong> No signed checkpoint of this log covers a credential with this id. A credential issued in the last few seconds appears with the next checkpoint.</p>`
    case 'invalid':
      return html`${heading}<p><strong>The inclusion proof does not verify.</strong> ${lookup.message}</p>`
  }
}

/** The public page of the transparency log: latest checkpoint, verifier key, growth, and an inclusion check. */
export function logPage({ version, user, published, lookup }: LogPageProps) {
  const latest = published?.latest
  return layout({
    title: 'Transparency log · Emblem',
    version,
    user,
    main: html`
      <h1>Transparency log</h1>
      <p class="lead">
        Every credential this instance issues is appended to a public, append-only Merkle tree. Anyone can download its
        signed checkpoints and tiles, check that a credential is in it, and check that no entry was ever changed or removed.
      </p>
      ${!published
        ? html`<p>This instance does not publish a transparency log.</p>`
        : html`
            <h2>Latest checkpoint</h2>
            ${latest
              ? html`<dl>
                    <dt>Origin</dt><dd><code>${latest.checkpoint.origin}</code></dd>
                    <dt>Size</dt><dd>${count(latest.checkpoint.size)} entries</dd>
                    <dt>Root hash</dt><dd><code>${encodeBase64(latest.checkpoint.root)}</code></dd>
                    <dt>Signed at</dt><dd>${latest.createdAt}</dd>
                  </dl>
                  <p>The signed note (<a href="/log/checkpoint">download</a>):</p>
                  <pre><code>${latest.note}</code></pre>`
              : html`<p>No checkpoint has been signed yet.</p>`}
            <h2>Verifier key</h2>
            <p>Checkpoints are signed notes (C2SP). Verify them with this key (<a href="/log/key">as text</a>):</p>
            <p><code>${published.verifierKey}</code></p>
            <h2>Growth</h2>
            ${growthChart(published.growth)}
            <h2>Check a credential</h2>
            <form method="get" action="/log">
              <label for="credential">Credential id</label>
              <input id="credential" name="credential" type="text" required value="${lookup?.credential ?? ''}" />
              <button type="submit">Check inclusion</button>
            </form>
            ${lookup ? html`<section aria-labelledby="inclusion-result">${lookupResult(lookup)}</section>` : ''}
          `}
    `,
  })
}
