// The badge designer's vocabulary: what a designed badge may be made of. The drawing itself is the
// media adapter's (src/media); forms and use cases only need these names and limits.

/** The outlines the badge designer draws, in picker order. */
export const BADGE_SHAPES = ['circle', 'shield', 'hexagon', 'ribbon', 'square'] as const
/** One of {@link BADGE_SHAPES}. */
export type BadgeShape = (typeof BADGE_SHAPES)[number]

/** The icons the badge designer draws, in picker order. */
export const BADGE_ICONS = ['star', 'book', 'code', 'gear', 'leaf', 'heart', 'shield-check', 'graduation-cap', 'lightbulb', 'trophy'] as const
/** One of {@link BADGE_ICONS}. */
export type BadgeIcon = (typeof BADGE_ICONS)[number]

/** The designer's starting point: what a new badge looks like before anyone picks anything. */
export const DESIGN_DEFAULTS = Object.freeze({
  shape: 'circle' as BadgeShape,
  icon: 'star' as BadgeIcon,
  background: '#1f4e79',
  foreground: '#ffffff',
})

/** Lowest foreground-on-background contrast allowed: WCAG 2.x AA for large text. */
export const MIN_TITLE_CONTRAST = 3
/** Longest title and subtitle, in characters. */
export const DESIGN_LIMITS = Object.freeze({ title: 40, subtitle: 32 })

/** A badge to draw: a title, and optionally shape, icon, colours (`#rrggbb`) and a subtitle; unknown or bad values are ERR_INPUT_INVALID. */
export interface BadgeDesign {
  title: string
  subtitle?: string | undefined
  shape?: string | undefined
  icon?: string | undefined
  background?: string | undefined
  foreground?: string | undefined
  accent?: string | undefined
}

/** A title shortened to fit a designed badge (an ellipsis past the limit). */
export function fitBadgeTitle(title: string): string {
  const words = title.replace(/\s+/g, ' ').trim()
  return [...words].length <= DESIGN_LIMITS.title ? words : `${[...words].slice(0, DESIGN_LIMITS.title - 1).join('').trimEnd()}…`
}
