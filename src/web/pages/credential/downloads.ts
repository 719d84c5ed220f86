import type { Context } from 'hono'
import { badgeImage } from '../../../app/credentials/badge-image.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import { signedText } from '../../../app/credentials/signed-document.js'
import { PlatformError } from '../../../core/errors.js'
import { bakePng, bakeSvg, designBadgeSvg, DESIGN_LIMITS, renderCertificatePdf } from '../../../media/index.js'
import { achievementView, issuerOf } from './achievement-view.js'
import '../../../http/context.js'
import { SVG_CONTENT_SECURITY_POLICY } from '../../../http/routes/public-images.js'

/** A file name from a title: lower-case words joined by hyphens, at most 60 characters. */
export const fileNameOf = (title: string): string =>
  title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'credential'

/** Sends `body` as a download named `name`. */
function attachment(c: Context, body: string | Uint8Array, type: string, name: string): Response {
  c.header('Content-Disposition', `attachment; filename="${name}"`)
  c.header('Cache-Control', 'public, max-age=300')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': type })
}

const nameOf = (view: IssuedCredentialView) => fileNameOf(achievementView(view.document.credential).name)

/** The signed credential as a file: `.json` for an embedded proof, `.jwt` for a VC-JWT (each redirects to the other when asked for the wrong one). */
export function credentialFile(c: Context, view: IssuedCredentialView, ext: 'json' | 'jwt'): Response {
  const format = view.document.format
  if (format !== ext) return c.redirect(`/c/${credentialUuid(view.id)}/credential.${format}`, 303)
  const type = format === 'jwt' ? 'application/vc+jwt' : 'application/vc+ld+json'
  return attachment(c, signedText(view.document), type, `${nameOf(view)}.${format}`)
}

/** The badge PNG with the credential baked in (iTXt `openbadgecredential`); ERR_NOT_FOUND when the badge image is not a PNG. */
export async function bakedPng(c: Context, view: IssuedCredentialView): Promise<Response> {
  const image = await badgeImage(c.var.platform, view)
  if (image?.mediaType !== 'image/png') {
    throw new PlatformError('ERR_NOT_FOUND', `This badge has no PNG image${image ? ' (it is SVG)' : ''}: a baked PNG needs a PNG badge image. Download the baked SVG at /c/${credentialUuid(view.id)}/badge.svg instead.`)
  }
  return attachment(c, bakePng(image.bytes, signedText(view.document)), 'image/png', `${nameOf(view)}.png`)
}

/**
 * The badge SVG with the credential baked in (`openbadges:credential`): the achievement's SVG image,
 * or a designed badge with its name when it has none; ERR_NOT_FOUND when its image is a PNG.
 */
export async function bakedSvg(c: Context, view: IssuedCredentialView): Promise<Response> {
  const image = await badgeImage(c.var.platform, view)
  if (image?.mediaType === 'image/png') {
    throw new PlatformError('ERR_NOT_FOUND', `This badge image is a PNG: download the baked PNG at /c/${credentialUuid(view.id)}/badge.png instead.`)
  }
  const svg = image ? new TextDecoder().decode(image.bytes) : designedBadge(achievementView(view.document.credential).name)
  c.header('Content-Security-Policy', SVG_CONTENT_SECURITY_POLICY)
  return attachment(c, bakeSvg(svg, signedText(view.document)), 'image/svg+xml', `${nameOf(view)}.svg`)
}

/** A badge drawn by the designer from a title, shortened to fit. */
function designedBadge(title: string): string {
  const words = title.replace(/\s+/g, ' ').trim()
  const fitted = [...words].length <= DESIGN_LIMITS.title ? words : `${[...words].slice(0, DESIGN_LIMITS.title - 1).join('').trimEnd()}…`
  return designBadgeSvg({ title: fitted || 'Credential' })
}

/** A one-page certificate (pdf-lib) with a QR code to the credential's page; the learner's name only when they show it. */
export async function certificatePdf(c: Context, view: IssuedCredentialView): Promise<Response> {
  const { platform } = c.var
  const { credential } = view.document
  const a = achievementView(credential)
  const issuer = issuerOf(credential)
  const image = await badgeImage(platform, view)
  const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : new Date(view.issuedAt)
  const validUntil = typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined
  const pdf = await renderCertificatePdf({
    title: a.achievementType === 'MicroCredential' ? 'Micro-credential certificate' : 'Certificate of achievement',
    recipientName: clip(view.showName && view.recipientName.trim() ? view.recipientName : 'Name withheld at the learner’s request', 200),
    achievementName: clip(a.name, 300),
    issuerName: clip(typeof issuer.name === 'string' ? issuer.name : view.org.name, 200),
    issuedOn: validFrom,
    ...(validUntil && validUntil >= validFrom ? { validUntil } : {}),
    ...(a.description ? { description: clip(a.description, 2000) } : {}),
    ...(a.skills.length ? { skills: a.skills.slice(0, 50).map((s) => clip(s.targetName, 100)) } : {}),
    verifyUrl: `${platform.publicUrl}/c/${credentialUuid(view.id)}`,
    credentialId: view.id,
    ...(image?.mediaType === 'image/png' ? { badgePng: image.bytes } : {}),
  })
  return attachment(c, pdf, 'application/pdf', `${nameOf(view)}-certificate.pdf`)
}

const clip = (text: string, max: number): string => {
  const trimmed = text.trim()
  return [...trimmed].length <= max ? trimmed : `${[...trimmed].slice(0, max - 1).join('')}…`
}
