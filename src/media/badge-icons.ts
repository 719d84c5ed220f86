import type { BadgeIcon } from '../app/media/badge-design.js'

/** The icons the badge designer draws, in picker order (the app's vocabulary). */
export { BADGE_ICONS, type BadgeIcon } from '../app/media/badge-design.js'

/**
 * One part of an icon on a 100 × 100 grid: a filled shape or an 8-unit round stroke, in the
 * foreground colour unless it is cut out of a filled part in the background colour.
 */
export interface IconPart {
  readonly d: string
  readonly paint: 'fill' | 'stroke'
  readonly colour?: 'background'
}

const point = (radius: number, degrees: number, cx = 50, cy = 50): string => {
  const radians = ((degrees - 90) * Math.PI) / 180
  return `${round(cx + radius * Math.cos(radians))} ${round(cy + radius * Math.sin(radians))}`
}
const round = (n: number) => Math.round(n * 10) / 10
const polygon = (points: string[]) => `M${points.join('L')}Z`

const star = polygon(Array.from({ length: 10 }, (_, i) => point(i % 2 ? 20 : 48, i * 36, 50, 53)))
const gearTeeth = polygon(
  Array.from({ length: 8 }, (_, i) => [point(36, i * 45 - 16), point(47, i * 45 - 9), point(47, i * 45 + 9), point(36, i * 45 + 16)]).flat(),
)

/** Path data of each icon. Drawn for Emblem; no third-party artwork. */
export const ICON_PARTS: Readonly<Record<BadgeIcon, readonly IconPart[]>> = {
  star: [{ d: star, paint: 'fill' }],
  book: [
    { d: 'M6 20C22 13 37 14 47 22V86C37 78 22 77 6 83Z', paint: 'fill' },
    { d: 'M94 20C78 13 63 14 53 22V86C63 78 78 77 94 83Z', paint: 'fill' },
  ],
  code: [
    { d: 'M32 26L10 50L32 74', paint: 'stroke' },
    { d: 'M68 26L90 50L68 74', paint: 'stroke' },
    { d: 'M58 16L42 84', paint: 'stroke' },
  ],
  gear: [{ d: gearTeeth, paint: 'fill' }, { d: 'M64 50A14 14 0 1 0 36 50A14 14 0 1 0 64 50Z', paint: 'fill', colour: 'background' }],
  leaf: [
    { d: 'M86 12C42 12 14 38 14 72C14 78 15 82 18 86C52 86 86 62 86 12Z', paint: 'fill' },
    { d: 'M10 92L54 48', paint: 'stroke' },
  ],
  heart: [{ d: 'M50 88C20 66 6 50 6 32C6 18 17 8 30 8C39 8 46 13 50 20C54 13 61 8 70 8C83 8 94 18 94 32C94 50 80 66 50 88Z', paint: 'fill' }],
  'shield-check': [
    { d: 'M50 4L88 18V46C88 70 72 86 50 96C28 86 12 70 12 46V18Z', paint: 'fill' },
    { d: 'M32 50L45 63L69 37', paint: 'stroke', colour: 'background' },
  ],
  'graduation-cap': [
    { d: 'M50 16L98 38L50 60L2 38Z', paint: 'fill' },
    { d: 'M22 50V70C22 80 78 80 78 70V50L50 63Z', paint: 'fill' },
    { d: 'M88 43V70', paint: 'stroke' },
  ],
  lightbulb: [
    { d: 'M50 6C29 6 16 22 16 39C16 53 26 60 33 70H67C74 60 84 53 84 39C84 22 71 6 50 6Z', paint: 'fill' },
    { d: 'M35 76H65V84H35Z', paint: 'fill' },
    { d: 'M40 88H60V95H40Z', paint: 'fill' },
  ],
  trophy: [
    { d: 'M26 8H74V34C74 50 64 60 50 62C36 60 26 50 26 34Z', paint: 'fill' },
    { d: 'M28 16H12C12 32 18 42 30 44', paint: 'stroke' },
    { d: 'M72 16H88C88 32 82 42 70 44', paint: 'stroke' },
    { d: 'M44 60H56V76H44Z', paint: 'fill' },
    { d: 'M28 78H72V92H28Z', paint: 'fill' },
  ],
}
