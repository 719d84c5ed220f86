// What a learner holds, as pathways count it: the achievement ids of credentials that reached the
// learner and can be trusted. Two sources: the wallet (claimed or imported items that verified, are
// not revoked, suspended or expired, from an issuer this instance trusts: its own organizations,
// trusted issuers added by hand or from registries, see src/app/trust), and credentials this instance
// issued to one of the learner's confirmed addresses that are not claimed yet (active ones).
import type { PlatformPorts } from '../platform/ports.js'
import { trustOf } from '../trust/trust-check.js'
import { statusOf } from '../wallet/items.js'
import type { WalletItemRecord } from '../wallet/ports.js'

/** One credential the learner holds. */
export interface Holding {
  /** The achievement's id (URI) the credential names. */
  achievementUrl: string
  /** The credential's issuance date (ISO 8601), or null when it says none. */
  issuedAt: string | null
  /** Where the credential can be seen (its public page on this instance, or its id when that is a URL), or null. */
  url: string | null
  /** The credential's id as it names itself, or null. */
  credentialId: string | null
  name: string
  issuerName: string
}

type Json = Record<string, unknown>
const objectOf = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined)

/** The credential object of a stored document: JSON text, a JSON string holding a compact VC-JWT, or a compact VC-JWT. */
export function credentialOfDocument(text: string): Json | undefined {
  let value: unknown = text
  try {
    value = JSON.parse(text)
  } catch {
    // a compact JWT, read below
  }
  if (typeof value === 'string') {
    const payload = value.split('.')[1]
    if (!payload) return undefined
    try {
      const claims = objectOf(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
      return objectOf(claims?.vc) ?? claims
    } catch {
      return undefined
    }
  }
  return objectOf(value)
}

/** The achievement ids a credential's subject (or subjects) name. */
export function achievementIdsOf(credential: Json | undefined): string[] {
  const subject = credential?.credentialSubject
  const subjects = Array.isArray(subject) ? subject : [subject]
  return subjects.flatMap((s) => {
    const id = objectOf(objectOf(s)?.achievement)?.id
    return typeof id === 'string' && id.length <= 2048 ? [id] : []
  })
}

const dateOf = (credential: Json | undefined): string | null => {
  const at = credential?.validFrom ?? credential?.issuanceDate ?? credential?.awardedDate
  return typeof at === 'string' && Number.isFinite(Date.parse(at)) ? new Date(Date.parse(at)).toISOString() : null
}

const httpUrl = (v: string | null | undefined): string | null => (v && /^https?:\/\//i.test(v) && v.length <= 2048 ? v : null)
const pageOf = (publicUrl: string, issuedCredentialId: string) => `${publicUrl}/c/${issuedCredentialId.replace(/^urn:uuid:/i, '')}`

/** Whether a wallet item counts: verified, standing valid, and from a trusted issuer. */
async function counts(ports: Pick<PlatformPorts, 'store' | 'publicUrl' | 'clock'>, item: WalletItemRecord, trusted: Map<string, boolean>): Promise<boolean> {
  if (!item.verified || !item.issuerId || item.format === 'ob2') return false
  if (statusOf(item, ports.clock.now()) !== 'valid') return false
  if (!trusted.has(item.issuerId)) trusted.set(item.issuerId, (await trustOf(ports, item.issuerId)).trusted)
  return trusted.get(item.issuerId) === true
}

/** Everything the learner holds that pathways count. */
export async function holdingsOf(ports: Pick<PlatformPorts, 'store' | 'publicUrl' | 'clock'>, userId: string): Promise<Holding[]> {
  const { repos } = ports.store
  const [items, confirmed] = await Promise.all([repos.walletItems.list(userId), repos.accountEmails.confirmed(userId)])
  const trusted = new Map<string, boolean>()
  const held: Holding[] = []
  for (const item of items) {
    if (!(await counts(ports, item, trusted))) continue
    const credential = credentialOfDocument(item.document)
    const url = item.issuedCredentialId ? pageOf(ports.publicUrl, item.issuedCredentialId) : httpUrl(item.credentialId)
    for (const achievementUrl of achievementIdsOf(credential))
      held.push({ achievementUrl, issuedAt: item.issuedAt ?? dateOf(credential), url, credentialId: item.credentialId, name: item.name, issuerName: item.issuerName })
  }
  if (confirmed.length > 0) {
    for (const c of await repos.walletItems.claimable(confirmed)) {
      if (c.state !== 'active') continue
      const credential = credentialOfDocument(c.stored)
      const name = objectOf(objectOf(credential?.credentialSubject)?.achievement)?.name
      const issuer = objectOf(credential?.issuer)?.name
      for (const achievementUrl of achievementIdsOf(credential))
        held.push({ achievementUrl, issuedAt: dateOf(credential), url: pageOf(ports.publicUrl, c.credentialId), credentialId: c.credentialId, name: typeof name === 'string' ? name : achievementUrl, issuerName: typeof issuer === 'string' ? issuer : '' })
    }
  }
  return held
}
