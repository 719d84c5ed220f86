import { el, type SvgElement } from './svg-tree.js'

import type { BadgeShape } from '../app/media/badge-design.js'

/** The outlines the badge designer draws, in picker order (the app's vocabulary). */
export { BADGE_SHAPES, type BadgeShape } from '../app/media/badge-design.js'

/** Where content goes inside a shape, on the 512 × 512 canvas (y values are centres). */
export interface ShapeLayout {
  readonly iconY: number
  readonly iconSize: number
  readonly titleY: number
  readonly titleWidth: number
  readonly subtitleY: number
  readonly subtitleWidth: number
}

/** A shape's body (background), its inner ring (accent) and its text layout. */
export interface ShapeDrawing {
  readonly parts: (colours: { background: string; accent: string }) => SvgElement[]
  readonly layout: ShapeLayout
}

const ring = (accent: string) => ({ fill: 'none', stroke: accent, 'stroke-width': 12 })
const hexagon = (r: number) => {
  const points = [0, 60, 120, 180, 240, 300].map((deg) => {
    const a = ((deg - 90) * Math.PI) / 180
    return `${Math.round(256 + r * Math.cos(a))},${Math.round(256 + r * Math.sin(a))}`
  })
  return points.join(' ')
}

/** How each shape is drawn; every shape stays inside the 512 × 512 canvas. */
export const SHAPES: Readonly<Record<BadgeShape, ShapeDrawing>> = {
  circle: {
    parts: ({ background, accent }) => [
      el('circle', { cx: 256, cy: 256, r: 244, fill: background }),
      el('circle', { cx: 256, cy: 256, r: 218, ...ring(accent) }),
    ],
    layout: { iconY: 178, iconSize: 150, titleY: 326, titleWidth: 360, subtitleY: 408, subtitleWidth: 280 },
  },
  shield: {
    parts: ({ background, accent }) => [
      el('path', { d: 'M256 16L466 82V238C466 366 378 450 256 500C134 450 46 366 46 238V82Z', fill: background }),
      el('path', { d: 'M256 44L440 102V238C440 350 364 424 256 470C148 424 72 350 72 238V102Z', ...ring(accent) }),
    ],
    layout: { iconY: 168, iconSize: 136, titleY: 302, titleWidth: 300, subtitleY: 384, subtitleWidth: 240 },
  },
  hexagon: {
    parts: ({ background, accent }) => [
      el('polygon', { points: hexagon(250), fill: background }),
      el('polygon', { points: hexagon(222), ...ring(accent) }),
    ],
    layout: { iconY: 176, iconSize: 150, titleY: 318, titleWidth: 350, subtitleY: 398, subtitleWidth: 260 },
  },
  ribbon: {
    parts: ({ background, accent }) => [
      el('path', { d: 'M150 330L92 494L150 466L190 506L240 372Z', fill: accent }),
      el('path', { d: 'M362 330L420 494L362 466L322 506L272 372Z', fill: accent }),
      el('circle', { cx: 256, cy: 216, r: 204, fill: background }),
      el('circle', { cx: 256, cy: 216, r: 180, ...ring(accent) }),
    ],
    layout: { iconY: 142, iconSize: 120, titleY: 256, titleWidth: 300, subtitleY: 330, subtitleWidth: 230 },
  },
  square: {
    parts: ({ background, accent }) => [
      el('rect', { x: 16, y: 16, width: 480, height: 480, rx: 72, fill: background }),
      el('rect', { x: 42, y: 42, width: 428, height: 428, rx: 50, ...ring(accent) }),
    ],
    layout: { iconY: 176, iconSize: 150, titleY: 326, titleWidth: 380, subtitleY: 408, subtitleWidth: 340 },
  },
}
