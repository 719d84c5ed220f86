import { html } from 'hono/html'

/** The drawing area of a server-drawn chart: its size and the margins left for the axis labels. */
export interface ChartBox {
  width: number
  height: number
  pad: { left: number; right: number; top: number; bottom: number }
}

/** The axes of a line chart starting at zero: the two lines, the top value, and the first and last x labels. */
export const chartAxes = ({ width, height, pad }: ChartBox, { max, from, to }: { max: number; from: string; to: string }) => html`<g fill="none" stroke="currentColor" stroke-opacity="0.4">
        <line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" />
        <line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" />
      </g>
      <g fill="currentColor" font-size="11" font-family="sans-serif">
        <text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end">${max.toLocaleString('en')}</text>
        <text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end">0</text>
        <text x="${pad.left}" y="${height - 8}">${from}</text>
        <text x="${width - pad.right}" y="${height - 8}" text-anchor="end">${to}</text>
      </g>`
