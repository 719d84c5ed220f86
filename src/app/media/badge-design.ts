// The badge designer's vocabulary: what a designed badge may be made of, and the schema a design is
// checked with. The drawing itself is the media adapter's (src/media).
import { z } from 'zod'
import { contrastRatio } from '../branding/contrast.js'

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

const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f4e79')
  .transform((value) => value.toLowerCase())
const text = (max: number) =>
  z
    .string()
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .refine((value) => !/[\p{Cc}\p{Cs}\ufffe\uffff]/u.test(value), 'must not contain control characters')
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`)

/**
 * What the designer accepts, checked by the media adapter and by the API before drawing: unknown
 * fields, unknown shapes and icons, bad colours and a foreground whose contrast with the background
 * is below 3:1 are refused, each naming its field.
 */
export const badgeDesignSchema = z
  .strictObject({
    shape: z.enum(BADGE_SHAPES, `must be one of ${BADGE_SHAPES.join(', ')}`).default(DESIGN_DEFAULTS.shape),
    icon: z.enum(BADGE_ICONS, `must be one of ${BADGE_ICONS.join(', ')}`).default(DESIGN_DEFAULTS.icon),
    background: colour.default(DESIGN_DEFAULTS.background),
    foreground: colour.default(DESIGN_DEFAULTS.foreground),
    accent: colour.optional(),
    title: text(DESIGN_LIMITS.title).refine((value) => value !== '', 'is required'),
    subtitle: text(DESIGN_LIMITS.subtitle).optional(),
  })
  .superRefine(({ foreground, background }, ctx) => {
    const ratio = contrastRatio(foreground, background)
    if (ratio < MIN_TITLE_CONTRAST)
      ctx.addIssue({
        code: 'custom',
        path: ['foreground'],
        message: `has contrast ${ratio.toFixed(1)}:1 with the background; at least ${MIN_TITLE_CONTRAST}:1 keeps the title readable`,
      })
  })

/** A title shortened to fit a designed badge (an ellipsis past the limit). */
export function fitBadgeTitle(title: string): string {
  const words = title.replace(/\s+/g, ' ').trim()
  return [...words].length <= DESIGN_LIMITS.title ? words : `${[...words].slice(0, DESIGN_LIMITS.title - 1).join('').trimEnd()}…`
}
