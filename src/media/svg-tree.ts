/** An SVG element as Emblem builds and rebuilds it: a name, attributes in order, children. */
export interface SvgElement {
  readonly name: string
  readonly attributes: ReadonlyArray<readonly [name: string, value: string]>
  readonly children: readonly SvgNode[]
}

/** Character data; `cdata` asks the serializer for a CDATA section instead of escaped text. */
export interface SvgText {
  readonly text: string
  readonly cdata?: boolean
}

/** A node of an {@link SvgElement} tree. */
export type SvgNode = SvgElement | SvgText

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg'
/** The XLink namespace, for `xlink:href` in SVG 1.1 documents. */
export const XLINK_NS = 'http://www.w3.org/1999/xlink'

/** Builds an element; attributes whose value is `undefined` are left out. */
export function el(
  name: string,
  attributes: Record<string, string | number | undefined> = {},
  children: readonly SvgNode[] = [],
): SvgElement {
  const pairs = Object.entries(attributes).flatMap(([key, value]): Array<[string, string]> =>
    value === undefined ? [] : [[key, String(value)]],
  )
  return { name, attributes: pairs, children }
}

/** True for an element node, false for text. */
export const isElement = (node: SvgNode): node is SvgElement => 'name' in node

/** Escapes character data: `&`, `<` and `>`. */
export const escapeText = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/** Escapes a double-quoted attribute value, including tab and newlines so they survive normalization. */
export const escapeAttribute = (value: string): string =>
  escapeText(value).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;')

/** A CDATA section for any text: each `]]>` is split across two sections, which XML concatenates back. */
export const cdataSection = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

/** Serializes a tree to XML text. Empty elements are self-closing. */
export function serializeSvg(node: SvgNode): string {
  if (!isElement(node)) return node.cdata ? cdataSection(node.text) : escapeText(node.text)
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('')
  if (node.children.length === 0) return `<${node.name}${attributes}/>`
  return `<${node.name}${attributes}>${node.children.map(serializeSvg).join('')}</${node.name}>`
}
