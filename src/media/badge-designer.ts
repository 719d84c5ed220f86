import { z } from 'zod'
import { PlatformError } from '../core/errors.js'
import { badgeDesignSchema, type BadgeDesign as DesignRequest, type BadgeIcon } from '../app/media/badge-design.js'
import { ICON_PARTS } from './badge-icons.js'
import { SHAPES } from './badge-shapes.js'
import { fitFontSize, wrapTitle } from './badge-text.js'
import { el, serializeSvg, SVG_NS, type SvgElement } from './svg-tree.js'

/** The designer's defaults and limits (the app's vocabulary). */
export { DESIGN_DEFAULTS, DESIGN_LIMITS, MIN_TITLE_CONTRAST } from '../app/media/badge-design.js'

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
/** What {@link designBadgeSvg} takes: a title, and optionally shape, icon, colours and a subtitle. */
export type BadgeDesign = z.input<typeof badgeDesignSchema>

/**
 * Draws a badge: a 512 × 512 self-contained SVG (no scripts, no external references, generic
 * fonts) with the shape in `background`, an inner ring (and ribbon tails) in `accent` (default:
 * `foreground`), the icon, the title on up to two lines and an optional subtitle in `foreground`.
 * The title and subtitle are escaped and also form the SVG's `<title>`.
 * Invalid input is `ERR_INPUT_INVALID` naming each field at fault, including a foreground whose
 * contrast with the background is below 3:1.
 * @example
 * designBadgeSvg({ shape: 'shield', icon: 'code', title: 'TypeScript Foundations' })
 */
export function designBadgeSvg(design: BadgeDesign | DesignRequest): string {
  const parsed = badgeDesignSchema.safeParse(design)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'design'}: ${issue.message}`)
    throw new PlatformError('ERR_INPUT_INVALID', `badge design is invalid: ${problems.join('; ')}`)
  }
  const { shape, icon, background, foreground, accent = foreground, title, subtitle } = parsed.data
  const { parts, layout } = SHAPES[shape]
  const label = subtitle ? `${title}: ${subtitle}` : title
  return serializeSvg(
    el('svg', { xmlns: SVG_NS, viewBox: '0 0 512 512', width: 512, height: 512, role: 'img' }, [
      el('title', {}, [{ text: label }]),
      ...parts({ background, accent }),
      drawIcon(icon, layout.iconY, layout.iconSize, { foreground, background }),
      drawTitle(title, subtitle ? layout.titleY : layout.titleY + 20, layout.titleWidth, foreground),
      ...(subtitle ? [drawSubtitle(subtitle, layout.subtitleY, layout.subtitleWidth, foreground)] : []),
    ]),
  )
}

function drawIcon(icon: BadgeIcon, centreY: number, size: number, colours: { foreground: string; background: string }) {
  const scale = size / 100
  const transform = `translate(${256 - size / 2} ${centreY - size / 2}) scale(${scale})`
  const parts = ICON_PARTS[icon].map(({ d, paint, colour }) => {
    const ink = colour === 'background' ? colours.background : colours.foreground
    return paint === 'fill'
      ? el('path', { d, fill: ink })
      : el('path', { d, fill: 'none', stroke: ink, 'stroke-width': 8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })
  })
  return el('g', { transform }, parts)
}

function drawTitle(title: string, centreY: number, width: number, fill: string): SvgElement {
  const lines = wrapTitle(title)
  const size = fitFontSize(lines, width, 46)
  const lineHeight = Math.round(size * 1.15)
  const firstBaseline = Math.round(centreY - ((lines.length - 1) * lineHeight) / 2 + size * 0.35)
  return el(
    'text',
    { x: 256, 'text-anchor': 'middle', 'font-family': FONT_FAMILY, 'font-size': size, 'font-weight': 700, fill },
    lines.map((line, i) => el('tspan', { x: 256, y: firstBaseline + i * lineHeight }, [{ text: line }])),
  )
}

function drawSubtitle(subtitle: string, centreY: number, width: number, fill: string): SvgElement {
  const size = fitFontSize([subtitle], width, 26)
  const attributes = { x: 256, y: Math.round(centreY + size * 0.35), 'text-anchor': 'middle', 'font-family': FONT_FAMILY }
  return el('text', { ...attributes, 'font-size': size, fill }, [{ text: subtitle }])
}
