import { decodeBase64url } from '../../core/encoding/index.js'
import type { SignedDocument } from './ports.js'

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
/** Registered claims a VC-JWT payload carries beside the credential's own properties. */
const JWT_CLAIMS = new Set(['iss', 'jti', 'nbf', 'sub', 'exp', 'iat'])

/**
 * The signed credential from what the store keeps: a JSON object (embedded proof), or a JSON
 * string holding a compact VC-JWT (whose payload, less the JWT claims, is the credential).
 * TypeError for anything else: the store only holds credentials it signed.
 */
export function signedDocumentOf(stored: unknown): SignedDocument {
  if (typeof stored === 'string' && COMPACT_JWS.test(stored)) {
    const payload = JSON.parse(new TextDecoder().decode(decodeBase64url(stored.split('.')[1]!))) as Record<string, unknown>
    const credential = Object.fromEntries(Object.entries(payload).filter(([name]) => !JWT_CLAIMS.has(name)))
    return { format: 'jwt', compact: stored, credential }
  }
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) return { format: 'json', credential: stored as Record<string, unknown> }
  throw new TypeError('A stored credential is a JSON object or a compact VC-JWT')
}

/** The document as a verifier or a baked image takes it: the compact JWT, or the credential's JSON. */
export const signedText = (document: SignedDocument): string => (document.format === 'jwt' ? document.compact : JSON.stringify(document.credential))
