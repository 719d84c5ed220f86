import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes'
import { PlatformError } from '../core/errors.js'
import { SVG_NS, XLINK_NS, serializeSvg, type SvgElement, type SvgNode } from './svg-tree.js'

const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/** Elements kept; anything else is dropped together with everything inside it. */
const ELEMENTS = new Set([
  'svg', 'g', 'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'use', 'symbol',
])

/** Elements whose character data is kept; elsewhere text (whitespace, mostly) is dropped. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc'])

/** Elements that may keep an `href` (always a local `#fragment`); `use` without one is dropped. */
const HREF_ELEMENTS = new Set(['use', 'linearGradient', 'radialGradient'])

/** Unprefixed attributes kept (values are still checked by {@link isSafeValue}). */
const ATTRIBUTES = new Set([
  // structure and accessibility
  'id', 'class', 'version', 'viewBox', 'preserveAspectRatio', 'role', 'lang', 'tabindex', 'focusable',
  'aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden',
  // geometry
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height', 'd', 'points',
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'pathLength', 'transform', 'offset',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'refX', 'refY',
  // presentation
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color', 'display',
  'visibility', 'overflow', 'clip-path', 'clip-rule', 'mask', 'stop-color', 'stop-opacity', 'style',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch', 'letter-spacing',
  'word-spacing', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'text-decoration',
  'writing-mode', 'direction', 'unicode-bidi', 'color-interpolation', 'color-interpolation-filters',
  'shape-rendering', 'text-rendering', 'image-rendering', 'vector-effect', 'paint-order', 'transform-origin',
])

/** Deeper nesting is refused: no real badge needs it, and it bounds the serializer's recursion. */
export const MAX_SVG_DEPTH = 100

interface Building {
  name: string
  attributes: Array<[string, string]>
  children: SvgNode[]
}

/**
 * Rebuilds an SVG from an allow-list of elements and attributes, so that what comes out cannot run
 * script, load anything from elsewhere or expand entities. Scripts, `foreignObject`, `style`,
 * `image`, links, event handlers, non-local references and `javascript:` / `data:` values are
 * dropped; a DOCTYPE is refused. Text and attributes are re-escaped on the way out.
 * Throws `ERR_IMAGE_INVALID` for XML that is not well-formed, a DOCTYPE, a root other than `<svg>`,
 * or nesting deeper than {@link MAX_SVG_DEPTH}.
 * @example
 * sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>')
 * // '<svg xmlns="http://www.w3.org/2000/svg"/>'
 */
export function sanitizeSvg(text: string): string {
  return serializeSvg(sanitizeSvgTree(text))
}

/** {@link sanitizeSvg}, returning the rebuilt tree instead of its text. */
export function sanitizeSvgTree(text: string): SvgElement {
  if (typeof text !== 'string') throw new TypeError('sanitizeSvg expects the SVG as a string')
  const parser = new SaxesParser({ xmlns: true })
  const stack: Array<Building | undefined> = []
  let root: Building | undefined
  let usesXlink = false

  parser.on('error', (err) => {
    throw new PlatformError('ERR_IMAGE_INVALID', `SVG is not well-formed XML: ${err.message}`, { cause: err })
  })
  parser.on('doctype', () => {
    throw new PlatformError('ERR_IMAGE_INVALID', 'SVG declares a DOCTYPE; DTDs and entity declarations are refused')
  })
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_SVG_DEPTH)
      throw new PlatformError('ERR_IMAGE_INVALID', `SVG nests elements more than ${MAX_SVG_DEPTH} levels deep`)
    if (root === undefined && !(tag.local === 'svg' && isSvgNamespace(tag.uri)))
      throw new PlatformError('ERR_IMAGE_INVALID', `the root element must be <svg>, not <${tag.name}>`)
    const parent = stack.at(-1)
    const element = root === undefined || parent ? keptElement(tag) : undefined
    if (element) {
      if (element.attributes.some(([name]) => name === 'xlink:href')) usesXlink = true
      if (parent) parent.children.push(element)
      else root = element
    }
    stack.push(element)
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  const onText = (data: string) => {
    const current = stack.at(-1)
    if (!current || !TEXT_ELEMENTS.has(current.name)) return
    const last = current.children.at(-1)
    if (last && 'text' in last) current.children[current.children.length - 1] = { text: last.text + data }
    else current.children.push({ text: data })
  }
  parser.on('text', onText)
  parser.on('cdata', onText)

  parser.write(text).close()
  if (!root) throw new PlatformError('ERR_IMAGE_INVALID', 'SVG has no root element')
  root.attributes = [
    ['xmlns', SVG_NS],
    ...(usesXlink ? [['xmlns:xlink', XLINK_NS] as [string, string]] : []),
    ...root.attributes,
  ]
  return root
}

const isSvgNamespace = (uri: string): boolean => uri === SVG_NS || uri === ''

function keptElement(tag: SaxesTagNS): Building | undefined {
  if (!isSvgNamespace(tag.uri) || !ELEMENTS.has(tag.local)) return undefined
  const attributes: Array<[string, string]> = []
  for (const attribute of Object.values(tag.attributes)) {
    const kept = keptAttribute(tag.local, attribute)
    if (kept) attributes.push(kept)
  }
  if (tag.local === 'use' && !attributes.some(([name]) => name.endsWith('href'))) return undefined
  return { name: tag.local, attributes, children: [] }
}

function keptAttribute(element: string, { uri, local, value }: SaxesAttributeNS): [string, string] | undefined {
  if (local === 'href' && (uri === '' || uri === XLINK_NS)) {
    if (!HREF_ELEMENTS.has(element) || !/^#[A-Za-z_][\w.:-]*$/.test(value)) return undefined
    return [uri === XLINK_NS ? 'xlink:href' : 'href', value]
  }
  if (uri === XML_NS && (local === 'space' || local === 'lang')) return [`xml:${local}`, value]
  if (uri !== '' || !ATTRIBUTES.has(local) || !isSafeValue(value)) return undefined
  return [local, value]
}

/**
 * False for a value that could reach outside the document or run code: a `url(…)` other than
 * `url(#local)`, a `javascript:` / `vbscript:` / `data:` scheme, CSS `@import`, `expression(` or
 * CSS escapes (which could spell any of these).
 */
export function isSafeValue(value: string): boolean {
  const compact = value.replace(/\s+/g, '').toLowerCase()
  if (/javascript:|vbscript:|data:|@import|expression\(|\\/.test(compact)) return false
  return !/url\((?!['"]?#)/.test(compact)
}
