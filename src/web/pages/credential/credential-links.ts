import type { IssuedCredentialView } from '../../../app/credentials/ports.js'
import { credentialUuid } from '../../../app/credentials/credential-id.js'
import { readableDate } from './dates.js'
import type { AchievementView } from '../../../app/credentials/achievement-view.js'
import { linkedInAddUrl } from './linkedin-url.js'

/** The badge image an achievement has on this instance, by media type; undefined when it has none here. */
export type BadgeImageType = 'image/png' | 'image/svg+xml' | undefined

/** Where a credential's page, document and downloads live. */
export interface CredentialLinks {
  pageUrl: string
  documentUrl: string
  jsonPath: string
  jsonLabel: string
  /** The baked PNG (every credential has one: an SVG badge is drawn to PNG). */
  pngPath: string
  /** The baked SVG, when the badge image is an SVG or there is none (a designed badge then). */
  svgPath: string | undefined
  /** Absolute URL of the baked SVG (a preview image when the achievement has none). */
  badgeSvgUrl: string | undefined
  pdfPath: string
  /** The credential as Europass ELM 3 JSON-LD (GET /api/v1/credentials/{id}/elm). */
  elmPath: string
  linkedIn: string
}

/** The links of a credential's page. */
export function credentialLinks(view: IssuedCredentialView, a: AchievementView, publicUrl: string, badge: BadgeImageType): CredentialLinks {
  const uuid = credentialUuid(view.id)
  const page = `/c/${uuid}`
  const { credential } = view.document
  const issued = new Date(readableDate(credential.validFrom) ? String(credential.validFrom) : view.issuedAt)
  const expires = readableDate(credential.validUntil) ? new Date(String(credential.validUntil)) : undefined
  const svgPath = badge === 'image/png' ? undefined : `${page}/badge.svg`
  return {
    pageUrl: `${publicUrl}${page}`,
    documentUrl: `${publicUrl}/credentials/${uuid}`,
    jsonPath: view.document.format === 'jwt' ? `${page}/credential.jwt` : `${page}/credential.json`,
    jsonLabel: view.document.format === 'jwt' ? 'VC-JWT' : 'JSON',
    pngPath: `${page}/badge.png`,
    elmPath: `/api/v1/credentials/${uuid}/elm`,
    svgPath,
    badgeSvgUrl: svgPath && `${publicUrl}${svgPath}`,
    pdfPath: `${page}/certificate.pdf`,
    linkedIn: linkedInAddUrl({ name: a.name, organizationName: view.org.name, issued, expires, certUrl: `${publicUrl}${page}`, certId: view.id }),
  }
}
