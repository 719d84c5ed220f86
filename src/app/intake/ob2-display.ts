// An Open Badges 2.0 assertion as a person reads it: the badge class's name, description, image and
// criteria, the issuer, the dates, and the badge's alignments as skills.
import type { CredentialDisplay } from '../wallet/display.js'

type Json = Record<string, unknown>
const str = (value: unknown, max = 10_000): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined)
const obj = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined)
const httpOrData = (value: unknown): string | undefined => {
  const url = str(obj(value)?.id ?? value, 100_000)
  return url && /^(https?:\/\/|data:image\/(png|jpeg|gif|webp|svg\+xml)[;,])/i.test(url) ? url : undefined
}
const date = (value: unknown): string | undefined => {
  const text = str(value, 64)
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text).toISOString() : undefined
}

/** The display of an OB 2.0 assertion, from the badge class and issuer fetched (or embedded). */
export function ob2Display(assertion: Json, badgeDoc?: Json, issuerDoc?: Json): CredentialDisplay {
  const badge = badgeDoc ?? obj(assertion.badge) ?? {}
  const issuer = issuerDoc ?? obj(badge.issuer) ?? {}
  const criteria = obj(badge.criteria)
  const skills = (Array.isArray(badge.alignment) ? badge.alignment : [])
    .map(obj)
    .filter((a): a is Json => a !== undefined && str(a.targetName) !== undefined)
    .slice(0, 50)
    .map((a) => ({ label: str(a.targetName, 300)!, ...(str(a.targetCode, 100) ? { code: str(a.targetCode, 100)! } : {}), ...(str(a.targetFramework, 300) ? { framework: str(a.targetFramework, 300)! } : {}), ...(str(a.targetUrl, 2000) ? { uri: str(a.targetUrl, 2000)! } : {}) }))
  const imageUrl = httpOrData(assertion.image) ?? httpOrData(badge.image)
  const issuerImage = httpOrData(issuer.image)
  const out: CredentialDisplay = {
    name: str(badge.name, 500) ?? 'Open Badge',
    issuer: { name: str(issuer.name, 500) ?? str(issuer.id, 500) ?? 'Unknown issuer', ...(str(issuer.id, 2000) ? { id: str(issuer.id, 2000)! } : {}), ...(str(issuer.url, 2000) ? { url: str(issuer.url, 2000)! } : {}), ...(issuerImage ? { imageUrl: issuerImage } : {}) },
    skills,
  }
  const description = str(badge.description)
  if (description) out.description = description
  if (imageUrl) out.imageUrl = imageUrl
  const issuedAt = date(assertion.issuedOn)
  if (issuedAt) out.issuedAt = issuedAt
  const expiresAt = date(assertion.expires)
  if (expiresAt) out.expiresAt = expiresAt
  const narrative = str(criteria?.narrative) ?? str(criteria?.id) ?? str(badge.criteria)
  if (narrative) out.criteria = narrative
  return out
}
