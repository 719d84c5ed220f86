import { html } from 'hono/html'
import { chartAxes, type ChartBox } from '../components/chart-axes.js'

/** One point of the log's growth: when a checkpoint was signed, and its tree size. */
export interface GrowthPoint {
  at: string
  size: number
}

const WIDTH = 600
const HEIGHT = 200
const PAD = { left: 56, right: 12, top: 12, bottom: 28 }
const BOX: ChartBox = { width: WIDTH, height: HEIGHT, pad: PAD }

const day = (iso: string): string => iso.slice(0, 10)

/**
 * The log's size over time as an inline SVG line chart, drawn on the server (no script), with a
 * text alternative and the data as a table. Requires points oldest first.
 */
export function growthChart(points: readonly GrowthPoint[]) {
  if (points.length === 0) return html`<p>No checkpoint has been signed yet.</p>`
  const times = points.map((p) => Date.parse(p.at))
  const t0 = Math.min(...times)
  const t1 = Math.max(...times)
  const maxSize = Math.max(1, ...points.map((p) => p.size))
  const x = (t: number) => PAD.left + (t1 === t0 ? (WIDTH - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right))
  const y = (size: number) => HEIGHT - PAD.bottom - (size / maxSize) * (HEIGHT - PAD.top - PAD.bottom)
  const line = points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.size).toFixed(1)}`).join(' ')
  const first = points[0]!
  const last = points[points.length - 1]!
  const summary = `The log grew from ${first.size.toLocaleString('en')} entries on ${day(first.at)} to ${last.size.toLocaleString('en')} on ${day(last.at)}, over ${points.length} checkpoints.`
  return html`<figure>
    <svg role="img" aria-labelledby="growth-title growth-desc" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet">
      <title id="growth-title">Log size over time</title>
      <desc id="growth-desc">${summary}</desc>
      ${chartAxes(BOX, { max: maxSize, from: day(first.at), to: day(last.at) })}
      <polyline points="${line}" fill="none" stroke="#1d4ed8" stroke-width="2" />
    </svg>
    <figcaption>${summary}</figcaption>
  </figure>
  <details>
    <summary>Checkpoints as a table</summary>
    <table>
      <thead><tr><th scope="col">Signed at</th><th scope="col">Size</th></tr></thead>
      <tbody>${points.map((p) => html`<tr><td>${p.at}</td><td>${p.size}</td></tr>`)}</tbody>
    </table>
  </details>`
}
