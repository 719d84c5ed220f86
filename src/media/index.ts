/** The media port (app/media/ports.ts) over this folder, for the composition roots to wire. */
export { createMediaAdapter } from './media-adapter.js'
/** Draws a badge as a self-contained 512 × 512 SVG; the designer's defaults and limits. */
export { designBadgeSvg, DESIGN_DEFAULTS, DESIGN_LIMITS, MIN_TITLE_CONTRAST, type BadgeDesign } from './badge-designer.js'
/** The shapes a badge can have, in picker order. */
export { BADGE_SHAPES, type BadgeShape } from './badge-shapes.js'
/** The built-in icons a badge can show, in picker order. */
export { BADGE_ICONS, type BadgeIcon } from './badge-icons.js'
/** WCAG contrast ratio of two #rrggbb colours, for a picker that warns before the designer refuses. */
export { contrastRatio } from '../app/branding/contrast.js'
/** Rebuilds untrusted SVG from an allow-list: no scripts, no external references, no DOCTYPE. */
export { sanitizeSvg, MAX_SVG_DEPTH } from './sanitize-svg.js'
/** Checks an uploaded badge image (PNG or SVG): size, type by content, dimensions; returns storable bytes. */
export { checkBadgeImage, BADGE_IMAGE_LIMITS, type BadgeImageType, type CheckedBadgeImage } from './image-check.js'
/** Tells credential JSON from a compact JWS, as baking and downloads need. */
export { credentialFormat, type CredentialFormat } from './credential-text.js'
/** OB 3.0 PNG baking: the `openbadgecredential` iTXt chunk, in and out. */
export { bakePng, extractFromPng, PNG_CREDENTIAL_KEYWORD } from './png-baking.js'
/** OB 3.0 SVG baking: the `<openbadges:credential>` element, in and out. */
export { bakeSvg, extractFromSvg, OB_SVG_NS } from './svg-baking.js'
/** Renders an SVG (a designed or uploaded badge) to a PNG of a given width, with bundled fonts and nothing fetched. */
export { svgToPng, PNG_RENDER_LIMITS, type PngRenderOptions } from './render-png.js'
/** Renders a one-page A4 certificate PDF with a QR code to the verify URL. */
export { renderCertificatePdf } from './certificate-pdf.js'
/** What a certificate shows. */
export type { CertificateInput } from './certificate-input.js'
/** The words a certificate prints around its facts, and the mark of a withdrawn credential, in the caller's language. */
export type { CertificateLabels, CertificateStatus } from './certificate-labels.js'
/** A QR code as an SVG for web pages. */
export { qrCodeSvg, type QrSvgOptions } from './qr-svg.js'
/** QR error correction levels. */
export type { QrErrorCorrection } from './qr-matrix.js'
