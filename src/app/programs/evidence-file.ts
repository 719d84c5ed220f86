// Evidence files: what a learner may upload for a requirement. The type is read from the bytes
// (never the name or the browser's word), the size capped, and text files must be UTF-8 without NULs.

/** The largest evidence file (bytes). */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024

/** The evidence file types accepted, by media type. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b)

/** The file's type from its content, or a reason it is refused. */
export function checkEvidenceFile(bytes: Uint8Array): { ok: true; mediaType: EvidenceType } | { ok: false; code: 'too_large' | 'invalid_type' | 'required'; message: string } {
  if (bytes.length === 0) return { ok: false, code: 'required', message: 'The file is empty' }
  if (bytes.length > EVIDENCE_MAX_BYTES) return { ok: false, code: 'too_large', message: 'A file has at most 5 MB' }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, mediaType: 'application/pdf' }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, mediaType: 'image/png' }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, mediaType: 'image/jpeg' }
  if (!bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      return { ok: true, mediaType: 'text/plain' }
    } catch {
      // not UTF-8 text
    }
  }
  return { ok: false, code: 'invalid_type', message: 'Upload a PDF, PNG, JPEG or plain text file' }
}
