import type { MediaPort } from '../app/media/ports.js'
import { readBakedPng, readBakedSvg } from './baked-reading.js'
import { designBadgeSvg } from './badge-designer.js'
import { renderCertificatePdf } from './certificate-pdf.js'
import { BADGE_IMAGE_LIMITS, checkBadgeImage } from './image-check.js'
import { bakePng } from './png-baking.js'
import { pdfLinks } from './pdf-links.js'
import { qrCodeSvg } from './qr-svg.js'
import { svgToPng } from './render-png.js'
import { bakeSvg } from './svg-baking.js'

/** The media port over this folder: image checks, the badge designer, OB 3.0 baking, certificates and QR codes. */
export function createMediaAdapter(): MediaPort {
  return {
    checkImage: (bytes, declaredType) => checkBadgeImage(bytes, declaredType),
    imageLimits: BADGE_IMAGE_LIMITS,
    designBadge: (design) => designBadgeSvg(design),
    bakePng,
    bakeSvg,
    svgToPng: (svg, options) => svgToPng(svg, options),
    readBaked: (image) => (image.type === 'png' ? readBakedPng(image.bytes) : readBakedSvg(image.text)),
    pdfLinks,
    certificatePdf: (content) => renderCertificatePdf(content),
    qrCodeSvg: (text, options) => qrCodeSvg(text, options),
  }
}
