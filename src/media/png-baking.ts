import { PlatformError } from '../core/errors.js'
import { credentialFormat } from './credential-text.js'
import { readPngChunks, writePngChunks, type PngChunk } from './png-chunks.js'

/** The iTXt keyword OB 3.0 bakes credentials under (OB 2.0 used `openbadges`). */
export const PNG_CREDENTIAL_KEYWORD = 'openbadgecredential'

const KEYWORD_BYTES = new TextEncoder().encode(PNG_CREDENTIAL_KEYWORD)
const invalid = (message: string) => new PlatformError('ERR_IMAGE_INVALID', message)

/**
 * Bakes a credential into a PNG: an uncompressed `iTXt` chunk with keyword `openbadgecredential`,
 * empty language tag and translated keyword, placed right after IHDR. An existing
 * `openbadgecredential` chunk is replaced, so the result holds exactly one. The credential is baked
 * without surrounding whitespace. The PNG is checked
 * first (`ERR_IMAGE_INVALID`); the credential must be JSON or a compact JWS (`ERR_INPUT_INVALID`).
 * @example
 * const baked = bakePng(png, jwt)
 * extractFromPng(baked) === jwt // true
 * @see https://www.imsglobal.org/spec/ob/v3p0/#baking
 */
export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  credentialFormat(credential)
  const [ihdr, ...rest] = readPngChunks(png)
  const kept = rest.filter((chunk) => !isCredentialChunk(chunk))
  return writePngChunks([ihdr!, credentialChunk(credential.trim()), ...kept])
}

/**
 * The credential baked into a PNG: the text of its first `iTXt` chunk with keyword
 * `openbadgecredential`, or `undefined` when there is none. The PNG's structure and CRCs are
 * checked, and a malformed or compressed credential chunk is `ERR_IMAGE_INVALID`.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#baking
 */
export function extractFromPng(png: Uint8Array): string | undefined {
  const chunk = readPngChunks(png).find(isCredentialChunk)
  return chunk && credentialText(chunk.data)
}

/**
 * `chunks` without any baked credential: OB 3.0 `openbadgecredential` iTXt chunks and OB 2.0
 * `openbadges` text chunks (tEXt, iTXt, zTXt).
 */
export function withoutBakedCredentials(chunks: readonly PngChunk[]): PngChunk[] {
  return chunks.filter((chunk) => !isCredentialChunk(chunk) && !isOb2Chunk(chunk))
}

const OB2_KEYWORD = new TextEncoder().encode('openbadges\0')
const isOb2Chunk = ({ type, data }: PngChunk): boolean =>
  (type === 'tEXt' || type === 'iTXt' || type === 'zTXt') && OB2_KEYWORD.every((byte, i) => data[i] === byte)

function credentialChunk(text: string): PngChunk {
  const body = new TextEncoder().encode(text)
  // keyword \0, compression flag 0, compression method 0, language tag "" \0, translated keyword "" \0, text
  const data = new Uint8Array(KEYWORD_BYTES.length + 5 + body.length)
  data.set(KEYWORD_BYTES)
  data.set(body, KEYWORD_BYTES.length + 5)
  return { type: 'iTXt', data }
}

function isCredentialChunk({ type, data }: PngChunk): boolean {
  return (
    type === 'iTXt' &&
    data[KEYWORD_BYTES.length] === 0 &&
    KEYWORD_BYTES.every((byte, i) => data[i] === byte)
  )
}

function credentialText(data: Uint8Array): string {
  let offset = KEYWORD_BYTES.length + 1
  const [compressed, method] = [data[offset], data[offset + 1]]
  if (compressed === undefined || method === undefined) throw invalid('PNG openbadgecredential iTXt chunk is truncated')
  if (compressed !== 0) throw invalid('PNG openbadgecredential iTXt chunk is compressed, which OB 3.0 forbids')
  offset += 2
  for (const field of ['language tag', 'translated keyword']) {
    const end = data.indexOf(0, offset)
    if (end < 0) throw invalid(`PNG openbadgecredential iTXt chunk has no end to its ${field}`)
    offset = end + 1
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(offset))
  } catch (err) {
    throw new PlatformError('ERR_IMAGE_INVALID', 'PNG openbadgecredential text is not UTF-8', { cause: err })
  }
}
