// What the platform asks of image and document rendering (implemented by src/media): checking
// uploaded images, drawing designed badges, baking credentials into badges (OB 3.0), certificates
// as PDF and QR codes. Edges never call the adapter: downloads and uploads are use cases.
import type { BadgeDesign } from './badge-design.js'
import type { ImageMediaType } from './images.js'

/** An accepted image: its type, size in pixels (SVG: user units), and the bytes to store (an SVG rebuilt by the sanitizer). */
export interface CheckedImage {
  readonly mediaType: ImageMediaType
  readonly width: number
  readonly height: number
  readonly bytes: Uint8Array
}

/** What a certificate shows: who earned what from whom, when, and where to verify it. */
export interface CertificateContent {
  title: string
  recipientName: string
  achievementName: string
  issuerName: string
  issuedOn: Date
  validUntil?: Date
  description?: string
  skills?: string[]
  verifyUrl: string
  credentialId: string
  /** The badge, drawn on the certificate when it is a PNG. */
  badgePng?: Uint8Array
  /** The language dates are formatted in when `labels` are not given (BCP 47; default English). */
  locale?: string
  /** Every printed word around the facts, in the reader's language (default English). */
  labels?: CertificateLabels
  /** A revoked or suspended credential: the word drawn across the page and a line of detail. */
  status?: CertificateStatus
}

/** The printed words around a certificate's facts, in one language, dates already filled in. */
export interface CertificateLabels {
  certifies: string
  hasEarned: string
  skills: string
  issuedBy: string
  issuedOn: string
  validUntil?: string
  credentialId: string
  scanToVerify: string
  subject: string
}

/** A withdrawn credential's mark on its certificate, in the reader's language. */
export interface CertificateStatus {
  kind: 'revoked' | 'suspended'
  /** The word across the page: "REVOKED", "WIDERRUFEN". */
  label: string
  /** A line under it: "Revoked on 12 March 2026: issued in error". */
  detail?: string
}

/** What a baked image carries: an OB 3.0 credential (JSON or a compact JWS) or an OB 2.0 assertion (JSON, its URL or a compact JWS). */
export interface BakedContent {
  standard: 'ob3' | 'ob2'
  text: string
}

/** Image and document rendering. */
export interface MediaPort {
  /** Checks an uploaded badge image or logo (PNG or SVG): size, type by content, dimensions; an SVG is sanitized. ERR_IMAGE_INVALID otherwise. */
  checkImage(bytes: Uint8Array, declaredType?: string): CheckedImage
  /** The largest image {@link checkImage} accepts, and its side limits (for forms' hints). */
  readonly imageLimits: { readonly maxBytes: number; readonly minSide: number; readonly maxSide: number }
  /** Draws a badge as a self-contained 512 × 512 SVG. ERR_INPUT_INVALID naming each field at fault. */
  designBadge(design: BadgeDesign): string
  /** Renders an SVG (sanitized first; bundled fonts only) to a PNG `size` pixels wide. ERR_IMAGE_INVALID for an SVG it cannot draw. */
  svgToPng(svg: string | Uint8Array, options: { size: number }): Uint8Array
  /** A PNG with the credential baked in (the OB 3.0 `openbadgecredential` iTXt chunk). */
  bakePng(png: Uint8Array, credential: string): Uint8Array
  /** An SVG with the credential baked in (the OB 3.0 `openbadges:credential` element). */
  bakeSvg(svg: string, credential: string): string
  /** The credential baked into a PNG or SVG (OB 3.0 first, then OB 2.0), or undefined. ERR_IMAGE_INVALID for a broken image. */
  readBaked(image: { type: 'png'; bytes: Uint8Array } | { type: 'svg'; text: string }): BakedContent | undefined
  /** The URLs a PDF links to (link annotations), then the text of QR codes in its images. ERR_INPUT_INVALID for what is not a PDF. */
  pdfLinks(pdf: Uint8Array): Promise<string[]>
  /** A one-page A4 certificate PDF with a QR code to `verifyUrl`. */
  certificatePdf(content: CertificateContent): Promise<Uint8Array>
  /** A QR code of `text` as a self-contained SVG, `size` px square. */
  qrCodeSvg(text: string, options?: { size?: number }): string
}
