// The files a credential's public page offers: the signed credential, the badge with the
// credential baked in (PNG or SVG, OB 3.0), and a PDF certificate with a QR code.
import { PlatformError } from '../../core/errors.js'
import { fitBadgeTitle } from '../media/badge-design.js'
import { DEFAULT_LOCALE, FORMAT_LOCALE, type Locale } from '../i18n/locales.js'
import { translator } from '../i18n/translator.js'
import type { CertificateContent } from '../media/ports.js'
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

/** The size the baked PNG is drawn at from an SVG badge (and the certificate's badge). */
const PNG_BADGE_SIZE = 512
const CERTIFICATE_BADGE_SIZE = 256

/**
 * One of the credential's downloads, by its UUID or `urn:uuid:` id, in `locale` (the certificate's
 * words). Every credential has a baked PNG: a PNG badge image is baked as it is, an SVG one (or
 * the badge designed from the name when there is none) is drawn to PNG first. The baked SVG needs
 * an SVG badge (or none); for a PNG badge image `badge.svg` redirects to the baked PNG (a raster
 * wrapped in SVG would be refused by the SVG sanitizer and is no better a badge). ERR_NOT_FOUND
 * for an unknown credential.
 */
export async function downloadCredential(deps: Deps, param: string, kind: DownloadKind, { locale = DEFAULT_LOCALE }: { locale?: Locale } = {}): Promise<CredentialDownload> {
  const view = await getIssuedCredential(deps, param)
  const uuid = credentialUuid(view.id)
  if (kind === 'json' || kind === 'jwt') {
    const format = view.document.format
    if (format !== kind) return { kind: 'redirect', location: `/c/${uuid}/credential.${format}` }
    return { kind: 'file', body: signedText(view.document), mediaType: format === 'jwt' ? 'application/vc+jwt' : 'application/vc+ld+json', fileName: `${nameOf(view)}.${format}` }
  }
  const image = await badgeImage(deps, view)
  // The achievement's SVG image, or a badge drawn with its name when it has none.
  const badgeSvg = () => (image ? new TextDecoder().decode(image.bytes) : deps.media.designBadge({ title: fitBadgeTitle(achievementView(view.document.credential).name) || 'Credential' }))
  const badgePng = (size: number) => (image?.mediaType === 'image/png' ? image.bytes : deps.media.svgToPng(badgeSvg(), { size }))
  if (kind === 'png') {
    return { kind: 'file', body: deps.media.bakePng(badgePng(PNG_BADGE_SIZE), signedText(view.document)), mediaType: 'image/png', fileName: `${nameOf(view)}.png` }
  }
  if (kind === 'svg') {
    if (image?.mediaType === 'image/png') return { kind: 'redirect', location: `/c/${uuid}/badge.png` }
    return { kind: 'file', body: deps.media.bakeSvg(badgeSvg(), signedText(view.document)), mediaType: 'image/svg+xml', fileName: `${nameOf(view)}.svg` }
  }
  return { kind: 'file', body: await certificate(deps, view, certificateBadge(() => badgePng(CERTIFICATE_BADGE_SIZE)), locale), mediaType: 'application/pdf', fileName: `${nameOf(view)}-certificate.pdf` }
}

/** The badge for the certificate; a badge that cannot be drawn leaves the certificate without one rather than failing it. */
function certificateBadge(draw: () => Uint8Array): Uint8Array | undefined {
  try {
    return draw()
  } catch (err) {
    if (err instanceof PlatformError && err.code === 'ERR_IMAGE_INVALID') return undefined
    throw err
  }
}

/**
 * A one-page certificate with a QR code to the credential's page, every word in `locale`; the
 * learner's name only when they show it; a revoked or suspended credential marked across the page.
 */
function certificate({ media, publicUrl }: Deps, view: IssuedCredentialView, badgePng: Uint8Array | undefined, locale: Locale): Promise<Uint8Array> {
  const t = translator(locale)
  const { credential } = view.document
  const a = achievementView(credential)
  const issuer = issuerOf(credential)
  const validFrom = typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : new Date(view.issuedAt)
  const validUntil = typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined
  const hasValidUntil = validUntil !== undefined && validUntil >= validFrom
  const recipientName = clip(view.showName && view.recipientName.trim() ? view.recipientName : t.t('cred.certificate.nameWithheld'), 200)
  const achievementName = clip(a.name, 300)
  const content: CertificateContent = {
    title: a.achievementType === 'MicroCredential' ? t.t('cred.certificate.titleMicro') : t.t('cred.certificate.titleAchievement'),
    recipientName,
    achievementName,
    issuerName: clip(typeof issuer.name === 'string' ? issuer.name : view.org.name, 200),
    issuedOn: validFrom,
    ...(hasValidUntil ? { validUntil } : {}),
    ...(a.description ? { description: clip(a.description, 2000) } : {}),
    ...(a.skills.length ? { skills: a.skills.slice(0, 50).map((s) => clip(s.targetName, 100)) } : {}),
    verifyUrl: `${publicUrl}/c/${credentialUuid(view.id)}`,
    credentialId: view.id,
    ...(badgePng ? { badgePng } : {}),
    locale: FORMAT_LOCALE[locale],
    labels: {
      certifies: t.t('cred.certificate.certifies'),
      hasEarned: t.t('cred.certificate.hasEarned'),
      skills: t.t('cred.certificate.skills'),
      issuedBy: t.t('cred.certificate.issuedBy'),
      issuedOn: t.t('cred.certificate.issuedOn', { date: t.date(validFrom) }),
      ...(hasValidUntil ? { validUntil: t.t('cred.certificate.validUntil', { date: t.date(validUntil) }) } : {}),
      credentialId: t.t('cred.certificate.credentialId'),
      scanToVerify: t.t('cred.certificate.scanToVerify'),
      subject: clip(t.t('cred.certificate.subject', { achievement: achievementName, name: recipientName }), 600),
    },
    ...(view.state === 'active' ? {} : { status: withdrawnMark(t, view) }),
  }
  return media.certificatePdf(content)
}

/** The mark of a revoked or suspended credential: the word, and when and why. */
function withdrawnMark(t: ReturnType<typeof translator>, view: IssuedCredentialView): NonNullable<CertificateContent['status']> {
  const kind = view.state === 'revoked' ? 'revoked' : 'suspended'
  const reason = view.stateReason?.trim() ? clip(view.stateReason, 200) : undefined
  const date = view.stateChangedAt ? t.date(view.stateChangedAt) : undefined
  const detail = date === undefined
    ? reason
    : kind === 'revoked'
      ? reason ? t.t('cred.certificate.revokedOnReason', { date, reason }) : t.t('cred.certificate.revokedOn', { date })
      : reason ? t.t('cred.certificate.suspendedOnReason', { date, reason }) : t.t('cred.certificate.suspendedOn', { date })
  return { kind, label: t.t(kind === 'revoked' ? 'cred.certificate.revoked' : 'cred.certificate.suspended'), ...(detail ? { detail: clip(detail, 300) } : {}) }
}

const clip = (text: string, max: number): string => {
  const trimmed = text.trim()
  return [...trimmed].length <= max ? trimmed : `${[...trimmed].slice(0, max - 1).join('')}…`
}
