// The files a credential's public page offers: the signed credential, the badge with the
// credential baked in (PNG or SVG, OB 3.0), and a PDF certificate with a QR code.
import { PlatformError } from '../../core/errors.js'
import { fitBadgeTitle } from '../media/badge-design.js'
import type { PlatformPorts } from '../platform/ports.js'
import { achievementView, issuerOf } from './achievement-view.js'
import { badgeImage } from './badge-image.js'
import { credentialUuid } from './credential-id.js'
import { getIssuedCredential } from './get-issued-credential.js'
import type { IssuedCredentialView } from './ports.js'
import { signedText } from './signed-document.js'

/** What can be downloaded from a credential's page. */
export type DownloadKind = 'json' | 'jwt' | 'png' | 'svg' | 'pdf'

/** A download: the file, or where the right file is (a `.json` asked of a VC-JWT credential, and the reverse). */
export type CredentialDownload =
  | { kind: 'file'; body: Uint8Array | string; mediaType: string; fileName: string }
  | { kind: 'redirect'; location: string }

/** A file name from a title: lower-case words joined by hyphens, at most 60 characters. */
export const fileNameOf = (title: string): string =>
  title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '') || 'credential'

const nameOf = (view: IssuedCredentialView) => fileNameOf(achievementView(view.document.credential).name)

type Deps = Pick<PlatformPorts, 'store' | 'publicUrl' | 'media'>

/**
 * One of the credential's downloads, by its UUID or `urn:uuid:` id. ERR_NOT_FOUND for an unknown
 * credential, and for a baked badge in the other format than the badge image has (the message says
 * which one to download).
 */
export async function downloadCredential(deps: Deps, param: string, kind: DownloadKind): Promise<CredentialDownload> {
  const view = await getIssuedCredential(deps, param)
  const uuid = credentialUuid(view.id)
  if (kind === 'json' || kind === 'jwt') {
    const format = view.document.format
    if (format !== kind) return { kind: 'redirect', location: `/c/${uuid}/credential.${format}` }
    return { kind: 'file', body: signedText(view.document), mediaType: format === 'jwt' ? 'application/vc+jwt' : 'application/vc+ld+json', fileName: `${nameOf(view)}.${format}` }
  }
  const image = await badgeImage(deps, view)
  if (kind === 'png') {
    if (image?.mediaType !== 'image/png')
      throw new PlatformError('ERR_NOT_FOUND', `This badge has no PNG image${image ? ' (it is SVG)' : ''}: a baked PNG needs a PNG badge image. Download the baked SVG at /c/${uuid}/badge.svg instead.`)
    return { kind: 'file', body: deps.media.bakePng(image.bytes, signedText(view.document)), mediaType: 'image/png', fileName: `${nameOf(view)}.png` }
  }
  if (kind === 'svg') {
    if (image?.mediaType === 'image/png') throw new PlatformError('ERR_NOT_FOUND', `This badge image is a PNG: download the baked PNG at /c/${uuid}/badge.png instead.`)
    // The achievement's SVG image, or a badge drawn with its name when it has none.
    const svg = image ? new TextDecoder().decode(image.bytes) : deps.media.designBadge({ title: fitBadgeTitle(achievementView(view.document.credential).name) || 'Credential' })
    return { kind: 'file', body: deps.media.bakeSvg(svg, signedText(view.document)), mediaType: 'image/svg+xml', fileName: `${nameOf(view)}.svg` }
  }
  return { kind: 'file', body: await certificate(deps, view, image?.mediaType === 'image/png' ? image.bytes : undefined), mediaType: 'application/pdf', fileName: `${nameOf(view)}-certificate.pdf` }
}

/** A one-page certificate with a QR code to the credential's page; the learner's name only when they show it. */
function certificate({ media, publicUrl }: Deps, view: IssuedCredentialView, badgePng: Uint8Array | undefined): Promise<Uint8Array> {
  const { credential } = view.document
  const a = achievementView(credential)
  const issuer = issuerOf(credential)
  const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : new Date(view.issuedAt)
  const validUntil = typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined
  return media.certificatePdf({
    title: a.achievementType === 'MicroCredential' ? 'Micro-credential certificate' : 'Certificate of achievement',
    recipientName: clip(view.showName && view.recipientName.trim() ? view.recipientName : 'Name withheld at the learner’s request', 200),
    achievementName: clip(a.name, 300),
    issuerName: clip(typeof issuer.name === 'string' ? issuer.name : view.org.name, 200),
    issuedOn: validFrom,
    ...(validUntil && validUntil >= validFrom ? { validUntil } : {}),
    ...(a.description ? { description: clip(a.description, 2000) } : {}),
    ...(a.skills.length ? { skills: a.skills.slice(0, 50).map((s) => clip(s.targetName, 100)) } : {}),
    verifyUrl: `${publicUrl}/c/${credentialUuid(view.id)}`,
    credentialId: view.id,
    ...(badgePng ? { badgePng } : {}),
  })
}

const clip = (text: string, max: number): string => {
  const trimmed = text.trim()
  return [...trimmed].length <= max ? trimmed : `${[...trimmed].slice(0, max - 1).join('')}…`
}
