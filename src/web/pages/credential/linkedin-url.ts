/** What LinkedIn's "Add to profile" certification form is prefilled with. */
export interface LinkedInCertification {
  name: string
  organizationName: string
  issued: Date
  expires?: Date | undefined
  /** The credential's public page. */
  certUrl: string
  certId: string
}

/**
 * LinkedIn's "Add licence or certification" link, every parameter URL-encoded; months are 1–12, UTC.
 * @see https://addtoprofile.linkedin.com/
 */
export function linkedInAddUrl(c: LinkedInCertification): string {
  const params: [string, string][] = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', c.name],
    ['organizationName', c.organizationName],
    ['issueYear', String(c.issued.getUTCFullYear())],
    ['issueMonth', String(c.issued.getUTCMonth() + 1)],
  ]
  if (c.expires) params.push(['expirationYear', String(c.expires.getUTCFullYear())], ['expirationMonth', String(c.expires.getUTCMonth() + 1)])
  params.push(['certUrl', c.certUrl], ['certId', c.certId])
  return `https://www.linkedin.com/profile/add?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`
}
