import { html } from 'hono/html'
import { chartAxes, type ChartBox } from '../../components/chart-axes.js'
import type { DayCounts } from '../../../app/dashboard/ports.js'

const WIDTH = 720
const HEIGHT = 220
const PAD = { left: 44, right: 12, top: 12, bottom: 28 }
const BOX: ChartBox = { width: WIDTH, height: HEIGHT, pad: PAD }
const SERIES = [
  ['issued', 'Issued', '#1d4ed8'],
  ['claimed', 'Claimed', '#15803d'],
  ['verified', 'Verified', '#7c3aed'],
  ['revoked', 'Revoked', '#b91c1c'],
] as const

/**
 * Issued, claimed, verified and revoked per day as an inline SVG line chart drawn on the server (no
 * script), with a legend, a text summary for screen readers, and the numbers as a table.
 */
export function activityChart(days: readonly DayCounts[]) {
  if (days.length === 0) return html`<p>No activity yet.</p>`
  const max = Math.max(1, ...days.flatMap((d) => SERIES.map(([k]) => d[k])))
  const step = days.length > 1 ? (WIDTH - PAD.left - PAD.right) / (days.length - 1) : 0
  const x = (i: number) => PAD.left + (days.length > 1 ? i * step : (WIDTH - PAD.left - PAD.right) / 2)
  const y = (n: number) => HEIGHT - PAD.bottom - (n / max) * (HEIGHT - PAD.top - PAD.bottom)
  const sum = (k: (typeof SERIES)[number][0]) => days.reduce((a, d) => a + d[k], 0)
  const first = days[0]!.date
  const last = days[days.length - 1]!.date
  const summary = `From ${first} to ${last}: ${SERIES.map(([k, label]) => `${sum(k).toLocaleString('en')} ${label.toLowerCase()}`).join(', ')}.`
  return html`<figure>
    <svg role="img" aria-labelledby="activity-title activity-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet">
      <title id="activity-title">Credentials per day</title>
      <desc id="activity-desc">${summary}</desc>
      ${chartAxes(BOX, { max: max, from: first, to: last })}
      ${SERIES.map(
        ([k, , colour]) =>
          html`<polyline points="${days.map((d, i) => `${x(i).toFixed(1)},${y(d[k]).toFixed(1)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="2" />`,
      )}
    </svg>
    <figcaption>
      ${SERIES.map(([, label, colour]) => html`<span><svg width="14" height="4" aria-hidden="true"><rect width="14" height="4" fill="${colour}" /></svg> ${label}</span> `)}
      <br />${summary}
    </figcaption>
  </figure>
  <details>
    <summary>Activity as a table</summary>
    <div class="table-wrap">
      <table>
        <thead><tr><th scope="col">Day</th>${SERIES.map(([, label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
        <tbody>${days.map((d) => html`<tr><th scope="row">${d.date}</th>${SERIES.map(([k]) => html`<td>${d[k]}</td>`)}</tr>`)}</tbody>
      </table>
    </div>
  </details>`
}
