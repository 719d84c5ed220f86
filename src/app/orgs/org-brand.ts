import type { MailBrand } from '../mail/templates.js'
import type { OrgRecord } from './ports.js'

/** The absolute URL of the organization's logo, or undefined without one. */
export const orgLogoUrl = (org: Pick<OrgRecord, 'logoImageId'>, publicUrl: string): string | undefined =>
  org.logoImageId ? `${publicUrl}/images/${org.logoImageId}` : undefined

/** How the organization's e-mails present it: its name, logo and brand colour. */
export const mailBrandOf = (org: Pick<OrgRecord, 'name' | 'logoImageId' | 'brandColor'>, publicUrl: string): MailBrand => ({
  name: org.name,
  logoUrl: orgLogoUrl(org, publicUrl),
  color: org.brandColor ?? undefined,
})
