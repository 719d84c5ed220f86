// Reading what an image carries, whichever Open Badges version baked it: OB 3.0 (PNG iTXt
// `openbadgecredential`, SVG `<openbadges:credential>`) and OB 2.0 (PNG tEXt/iTXt/zTXt `openbadges`,
// SVG `<openbadges:assertion>` in the http://openbadges.org namespace). Wallet import and /verify use it.
import { inflateSync } from 'node:zlib'
import { SaxesParser } from 'saxes'
import type { BakedContent } from '../app/media/ports.js'
import { PlatformError } from '../core/errors.js'
import { extractFromPng } from './png-baking.js'
import { readPngChunks, type PngChunk } from './png-chunks.js'
import { OB_SVG_NS } from './svg-baking.js'

/** The namespace of OB 2.0's `<openbadges:assertion>` element in a baked SVG. */
export const OB2_SVG_NS = 'http://openbadges.org'

const OB2_KEYWORD = new TextEncoder().encode('openbadges')
/** The most an OB 2.0 text chunk may inflate to. */
const MAX_INFLATED = 2 * 1024 * 1024

const invalid = (message: string, cause?: unknown) => new PlatformError('ERR_IMAGE_INVALID', message, cause === undefined ? undefined : { cause })

/**
 * The credential baked into a PNG: OB 3.0's `openbadgecredential` iTXt chunk first, else OB 2.0's
 * `openbadges` text chunk (tEXt, iTXt or zTXt: an assertion's JSON, its URL or a compact JWS);
 * undefined when there is none. ERR_IMAGE_INVALID for a broken PNG or chunk.
 */
export function readBakedPng(png: Uint8Array): BakedContent | undefined {
  const ob3 = extractFromPng(png)
  if (ob3 !== undefined) return { standard: 'ob3', text: ob3 }
  const chunk = readPngChunks(png).find(isOb2Chunk)
  if (!chunk) return undefined
  const text = ob2Text(chunk).trim()
  if (text === '') throw invalid('The PNG has an empty openbadges chunk')
  return { standard: 'ob2', text }
}

function isOb2Chunk({ type, data }: PngChunk): boolean {
  return (type === 'tEXt' || type === 'iTXt' || type === 'zTXt') && OB2_KEYWORD.every((byte, i) => data[i] === byte) && data[OB2_KEYWORD.length] === 0
}

function ob2Text({ type, data }: PngChunk): string {
  let offset = OB2_KEYWORD.length + 1
  if (type === 'tEXt') return new TextDecoder('latin1').decode(data.subarray(offset))
  if (type === 'zTXt') return new TextDecoder('latin1').decode(inflate(data.subarray(offset + 1)))
  const compressed = data[offset] === 1
  offset += 2
  for (let i = 0; i < 2; i++) {
    const end = data.indexOf(0, offset)
    if (end < 0) throw invalid('The PNG openbadges iTXt chunk is truncated')
    offset = end + 1
  }
  const body = data.subarray(offset)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(compressed ? inflate(body) : body)
  } catch (err) {
    throw err instanceof PlatformError ? err : invalid('The PNG openbadges chunk is not UTF-8 text', err)
  }
}

function inflate(bytes: Uint8Array): Uint8Array {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_INFLATED })
  } catch (err) {
    throw invalid('The PNG openbadges chunk does not decompress', err)
  }
}

/**
 * The credential baked into an SVG: OB 3.0's `<openbadges:credential>` (its `verify` attribute or
 * its text), else OB 2.0's `<openbadges:assertion>` (its `verify` attribute: a URL or a compact
 * JWS, else its text: the assertion's JSON); undefined when there is none. XML that is not
 * well-formed or declares a DOCTYPE is ERR_IMAGE_INVALID.
 */
export function readBakedSvg(svg: string): BakedContent | undefined {
  const parser = new SaxesParser({ xmlns: true })
  const found: Partial<Record<'ob3' | 'ob2', { text: string; open: boolean; depth: number }>> = {}
  let current: 'ob3' | 'ob2' | undefined
  parser.on('error', (err) => {
    throw invalid(`The SVG is not well-formed XML: ${err.message}`, err)
  })
  parser.on('doctype', () => {
    throw invalid('The SVG declares a DOCTYPE; DTDs and entity declarations are refused')
  })
  parser.on('opentag', (tag) => {
    if (current) {
      found[current]!.depth++
      return
    }
    const standard = tag.uri === OB_SVG_NS && tag.local === 'credential' ? 'ob3' : tag.uri === OB2_SVG_NS && tag.local === 'assertion' ? 'ob2' : undefined
    if (!standard || found[standard]) return
    const verify = Object.values(tag.attributes).find((a) => a.uri === '' && a.local === 'verify')?.value.trim()
    found[standard] = { text: verify ?? '', open: !verify && !tag.isSelfClosing, depth: 0 }
    if (found[standard].open) current = standard
  })
  parser.on('closetag', () => {
    if (current && found[current]!.depth-- === 0) current = undefined
  })
  const onText = (data: string) => {
    if (current) found[current]!.text += data
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.write(svg).close()
  for (const standard of ['ob3', 'ob2'] as const) {
    const hit = found[standard]
    if (!hit) continue
    const text = hit.text.trim()
    if (text === '') throw invalid(`The SVG has an empty <openbadges:${standard === 'ob3' ? 'credential' : 'assertion'}> element`)
    return { standard, text }
  }
  return undefined
}
