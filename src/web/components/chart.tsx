// Charts drawn on the server as inline SVG: no script, readable without colour (a legend in words,
// a text summary as the image's description, and the numbers as a table under a disclosure).
import type { Child } from 'hono/jsx'
import { useT } from '../kit/env.js'

/** One line of a chart: its label and a value per point of the x axis. */
export interface Series {
  label: string
  values: readonly number[]
}

/** Tick values from 0 to a round maximum at or above `max` (1, 2, 2.5 or 5 × 10^n steps). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude
  const ticks: number[] = []
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6)
  if (ticks.length < 2) ticks.push(step)
  return ticks
}

const W = 760
const H = 260
const PAD = { left: 48, right: 16, top: 16, bottom: 32 }

/**
 * A line chart of several series over the same x points (days, checkpoints). The first series is
 * also drawn as a soft area. `xLabels` are the formatted x values, one per point.
 */
export function LineChart({ id, title, summary, series, xLabels, tableCaption, xHeader }: { id: string; title: string; summary: string; series: readonly Series[]; xLabels: readonly string[]; tableCaption: string; xHeader: string }) {
  const t = useT()
  const n = xLabels.length
  const max = Math.max(1, ...series.flatMap((s) => s.values))
  const ticks = niceTicks(max)
  const top = ticks[ticks.length - 1]!
  const innerW = W - PAD.left - PAD.right
  const innerH = H - PAD.top - PAD.bottom
  const x = (i: number) => PAD.left + (n > 1 ? (i * innerW) / (n - 1) : innerW / 2)
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH
  const path = (values: readonly number[]) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join(' ')
  const labelEvery = Math.max(1, Math.ceil(n / 6))
  const first = series[0]
  return (
    <figure class="chart-figure">
      <svg class="chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((v) => (
          <g>
            <line class="grid-line" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="axis-label" x={PAD.left - 8} y={y(v) + 4} text-anchor="end">{t.number(v)}</text>
          </g>
        ))}
        {xLabels.map((label, i) =>
          i % labelEvery === 0 || i === n - 1 ? (
            <text class="axis-label" x={x(i)} y={H - 10} text-anchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}>{i === n - 1 || n - 1 - i >= labelEvery ? label : ''}</text>
          ) : null,
        )}
        {first && n > 1 && <path class="series-area series-1" d={`${path(first.values)} L${x(n - 1).toFixed(1)} ${y(0)} L${x(0).toFixed(1)} ${y(0)} Z`} />}
        {series.map((s, i) => (n > 1 ? <path class={`series-line series-${i + 1}`} d={path(s.values)} /> : <circle class={`series-${i + 1}`} cx={x(0)} cy={y(s.values[0] ?? 0)} r="4" />))}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((s, i) => (
            <li><span class={`swatch series-${i + 1}`} aria-hidden="true" />{s.label}</li>
          ))}
        </ul>
        <p class="muted small">{summary}</p>
      </figcaption>
      <details class="disclosure">
        <summary>{tableCaption}</summary>
        <div class="table-wrap" role="region" aria-label={tableCaption} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{xHeader}</th>
                {series.map((s) => <th scope="col" class="num">{s.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {xLabels.map((label, i) => (
                <tr>
                  <th scope="row">{label}</th>
                  {series.map((s) => <td class="num">{t.number(s.values[i] ?? 0)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}

/** A small trend line without axes, for stat cards. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }): Child {
  const w = 96
  const h = 32
  const max = Math.max(1, ...values)
  const x = (i: number) => (values.length > 1 ? (i * (w - 4)) / (values.length - 1) + 2 : w / 2)
  const y = (v: number) => h - 3 - (v / max) * (h - 6)
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join(' ')
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <path class="spark-area" d={`${d} L${x(values.length - 1).toFixed(1)} ${h} L${x(0).toFixed(1)} ${h} Z`} />
      <path d={d} />
    </svg>
  )
}
