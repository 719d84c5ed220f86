// How a person reads a credential, whatever its flavour: Open Badges 3.0 (an OpenBadgeCredential
// with an embedded Achievement), a plain VC Data Model 1.1 or 2.0 credential. Read from the
// credential itself (the signed JSON, or the `vc` of a VC-JWT), never trusted for anything but display.

/** A skill a credential aligns to. */
export interface DisplaySkill {
  label: string
  code?: string
  framework?: string
  uri?: string
}

/** What a wallet, an import preview or a card shows of a credential. */
export interface CredentialDisplay {
  name: string
  description?: string
  /** An http(s) URL or a data: image URL (PNG, JPEG, GIF, WebP, SVG). */
  imageUrl?: string
  issuer: { id?: string; name: string; url?: string; imageUrl?: string }
  recipientName?: string
  /** ISO 8601: validFrom (2.0) or issuanceDate (1.1); awardedDate when neither. */
  issuedAt?: string
  /** ISO 8601: validUntil (2.0) or expirationDate (1.1). */
  expiresAt?: string
  achievementType?: string
  /** The criteria narrative (Markdown), or its URL when only that is given. */
  criteria?: string
  skills: DisplaySkill[]
}

/** Frameworks whose alignments are EU micro-credential elements (level, credits, modes), not skills. */
const EU_FRAMEWORKS = new Set(['European Qualifications Framework', 'European Credit Transfer and Accumulation System', 'Europass modes of learning and assessment'])

const MAX_TEXT = 10_000

const str = (value: unknown, max = MAX_TEXT): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined)

const obj = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)

/** A value in a language map ({ en: "…" }) or a plain string; English first. */
const text = (value: unknown, max?: number): string | undefined => {
  const plain = str(value, max)
  if (plain !== undefined) return plain
  const map = obj(value)
  if (!map) return undefined
  if ('@value' in map) return str(map['@value'], max)
  return str(map.en, max) ?? Object.values(map).map((v) => str(v, max)).find((v) => v !== undefined)
}

/** An http(s) URL, or undefined. */
const httpUrl = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined
  return /^https?:$/.test(new URL(value).protocol) ? value : undefined
}

/** An image as OB 3.0 writes it (an Image object with `id`, or a bare URL): http(s), or a data: URL of a raster or SVG image. */
export function imageUrlOf(value: unknown): string | undefined {
  const candidate = typeof value === 'string' ? value : obj(value)?.id
  if (typeof candidate !== 'string') return undefined
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/.test(candidate) && candidate.length <= 2_000_000) return candidate
  return httpUrl(candidate)
}

/** An ISO 8601 date-time as given, when it parses. */
const dateOf = (value: unknown): string | undefined => {
  const s = str(value, 64)
  return s !== undefined && !Number.isNaN(Date.parse(s)) ? s : undefined
}

const typesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : typeof value === 'string' ? [value] : [])

/** The recipient's name when the credential states it in the clear (a subject `name`, or a plain `name` identifier). */
function recipientNameOf(subject: Record<string, unknown>): string | undefined {
  const direct = text(subject.name, 200)
  if (direct) return direct
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier : [subject.identifier]
  for (const id of identifiers.map(obj)) {
    if (id && id.identityType === 'name' && id.hashed === false) return str(id.identityHash, 200)
  }
  return undefined
}

/**
 * What a person reads of a credential: OB 3.0 achievement name, image, description, criteria and
 * skills (its alignments but the EU elements), the issuer Profile, the validity dates of VC 2.0
 * (validFrom/validUntil) or 1.1 (issuanceDate/expirationDate). A credential without an achievement
 * shows its own name, description and image, else its most specific type.
 * @example displayOf(JSON.parse(text)).name
 */
export function displayOf(credential: Record<string, unknown>): CredentialDisplay {
  const subject = obj(first(credential.credentialSubject)) ?? {}
  const achievement = obj(subject.achievement) ?? {}
  const issuerValue = credential.issuer
  const issuerObj = obj(issuerValue) ?? {}
  const issuerId = typeof issuerValue === 'string' ? issuerValue : str(issuerObj.id, 2000)
  const issuerUrl = httpUrl(issuerObj.url) ?? (issuerId && httpUrl(issuerId))
  const issuerImage = imageUrlOf(issuerObj.image)
  const issuerName = text(issuerObj.name, 300) ?? (issuerUrl ? new URL(issuerUrl).host : undefined) ?? issuerId ?? 'Unknown issuer'

  const specificType = typesOf(credential.type).find((t) => t !== 'VerifiableCredential')
  const name = text(achievement.name, 300) ?? text(credential.name, 300) ?? specificType ?? 'Credential'
  const description = text(achievement.description) ?? text(credential.description)
  const imageUrl = imageUrlOf(achievement.image) ?? imageUrlOf(credential.image)
  const criteriaObj = obj(achievement.criteria)
  const criteria = text(criteriaObj?.narrative) ?? httpUrl(criteriaObj?.id)
  const achievementType = str(achievement.achievementType, 100)
  const issuedAt = dateOf(credential.validFrom) ?? dateOf(credential.issuanceDate) ?? dateOf(credential.awardedDate)
  const expiresAt = dateOf(credential.validUntil) ?? dateOf(credential.expirationDate)
  const recipientName = recipientNameOf(subject)

  const alignments = Array.isArray(achievement.alignment) ? achievement.alignment.map(obj) : []
  const skills: DisplaySkill[] = []
  for (const a of alignments) {
    if (!a) continue
    const label = text(a.targetName, 300)
    if (!label) continue
    const framework = str(a.targetFramework, 300)
    const uri = httpUrl(a.targetUrl)
    if (EU_FRAMEWORKS.has(framework ?? '') || (uri && /^https?:\/\/data\.europa\.eu\/snb\//.test(uri))) continue
    const code = str(a.targetCode, 100)
    skills.push({ label, ...(code ? { code } : {}), ...(framework ? { framework } : {}), ...(uri ? { uri } : {}) })
    if (skills.length >= 100) break
  }

  return {
    name,
    ...(description ? { description } : {}),
    ...(imageUrl ? { imageUrl } : {}),
    issuer: { ...(issuerId ? { id: issuerId } : {}), name: issuerName, ...(issuerUrl ? { url: issuerUrl } : {}), ...(issuerImage ? { imageUrl: issuerImage } : {}) },
    ...(recipientName ? { recipientName } : {}),
    ...(issuedAt ? { issuedAt } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(achievementType ? { achievementType } : {}),
    ...(criteria ? { criteria } : {}),
    skills,
  }
}
