import { SaxesParser } from 'saxes'
import { PlatformError } from '../core/errors.js'
import { credentialFormat } from './credential-text.js'
import { sanitizeSvgTree } from './sanitize-svg.js'
import { el, serializeSvg } from './svg-tree.js'

/** The namespace of the `<openbadges:credential>` element in a baked SVG. */
export const OB_SVG_NS = 'https://purl.imsglobal.org/ob/v3p0'

/**
 * Bakes a credential into an SVG. The SVG is first rebuilt by {@link sanitizeSvgTree} (which also
 * drops any credential baked before); then the root gets `xmlns:openbadges` and, as its first
 * child, `<openbadges:credential>` holding a compact JWS in its `verify` attribute or credential
 * JSON in a CDATA section (split where the JSON contains `]]>`).
 * `ERR_IMAGE_INVALID` for an SVG the sanitizer refuses; `ERR_INPUT_INVALID` for a credential that
 * is neither JSON nor a compact JWS.
 * @example
 * extractFromSvg(bakeSvg(svg, credentialJson)) === credentialJson // true
 * @see https://www.imsglobal.org/spec/ob/v3p0/#baking
 */
export function bakeSvg(svg: string, credential: string): string {
  const format = credentialFormat(credential)
  const text = credential.trim()
  const root = sanitizeSvgTree(svg)
  const [xmlns, ...attributes] = root.attributes
  const baked = format === 'jwt'
    ? el('openbadges:credential', { verify: text })
    : el('openbadges:credential', {}, [{ text, cdata: true }])
  return serializeSvg({
    name: root.name,
    attributes: [xmlns!, ['xmlns:openbadges', OB_SVG_NS], ...attributes],
    children: [baked, ...root.children],
  })
}

/**
 * The credential baked into an SVG: the `verify` attribute of its first `<openbadges:credential>`
 * element (in the OB 3.0 namespace, whatever its prefix), else that element's text without
 * surrounding whitespace; `undefined` when there is no such element. XML that is not well-formed,
 * a DOCTYPE, or an empty credential element is `ERR_IMAGE_INVALID`.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#baking
 */
export function extractFromSvg(svg: string): string | undefined {
  if (typeof svg !== 'string') throw new TypeError('extractFromSvg expects the SVG as a string')
  const parser = new SaxesParser({ xmlns: true })
  let state: 'before' | 'inside' | 'after' = 'before'
  let depth = 0
  let found: string | undefined
  parser.on('error', (err) => {
    throw new PlatformError('ERR_IMAGE_INVALID', `SVG is not well-formed XML: ${err.message}`, { cause: err })
  })
  parser.on('doctype', () => {
    throw new PlatformError('ERR_IMAGE_INVALID', 'SVG declares a DOCTYPE; DTDs and entity declarations are refused')
  })
  parser.on('opentag', (tag) => {
    if (state === 'inside') depth++
    if (state !== 'before' || tag.uri !== OB_SVG_NS || tag.local !== 'credential') return
    const verify = Object.values(tag.attributes).find((a) => a.uri === '' && a.local === 'verify')
    found = verify?.value ?? ''
    state = verify || tag.isSelfClosing ? 'after' : 'inside'
  })
  parser.on('closetag', () => {
    if (state === 'inside' && depth-- === 0) state = 'after'
  })
  const onText = (data: string) => {
    if (state === 'inside') found += data
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.write(svg).close()
  if (found === undefined) return undefined
  const credential = found.trim()
  if (credential === '') throw new PlatformError('ERR_IMAGE_INVALID', 'SVG has an empty <openbadges:credential> element')
  return credential
}
