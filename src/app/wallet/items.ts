import { createHash } from 'node:crypto'
import type { VerificationReport } from '../../core/verification/index.js'
import type { PlatformPorts } from '../platform/ports.js'
import type { CredentialDisplay } from './display.js'
import { keepImportedImage } from './item-image.js'
import type { NewWalletItem, WalletFormat, WalletItemRecord, WalletItemView, WalletSource, WalletStatus } from './ports.js'

/** SHA-256 hex of a document's text as stored. */
export const digestOf = (document: string): string => createHash('sha256').update(document, 'utf8').digest('hex')

/** A new wallet item id: `w_` and 16 random base64url characters. */
export const newItemId = (random: PlatformPorts['random']): string => `w_${random.token(12)}`

/** The report stored as JSON text, without the credential it repeats (the item keeps the document). */
export const reportText = (report: VerificationReport): string => JSON.stringify({ verified: report.verified, checks: report.checks })

/** The stored report, parsed; a report with no checks when the text is unreadable. */
export function parseReport(text: string): Pick<VerificationReport, 'verified' | 'checks'> {
  try {
    const parsed = JSON.parse(text) as Partial<VerificationReport>
    return { verified: parsed.verified === true, checks: Array.isArray(parsed.checks) ? parsed.checks : [] }
  } catch {
    return { verified: false, checks: [] }
  }
}

/**
 * A kept credential's standing: revoked or suspended when its latest report's status check says so,
 * expired when its expiry has passed (or the report found it expired), unverified when the report
 * failed otherwise, else valid.
 */
export function statusOf(item: Pick<WalletItemRecord, 'report' | 'verified' | 'expiresAt'>, now: Date): WalletStatus {
  const { checks } = parseReport(item.report)
  if (checks.some((c) => c.code === 'CREDENTIAL_REVOKED')) return 'revoked'
  if (checks.some((c) => c.code === 'CREDENTIAL_SUSPENDED')) return 'suspended'
  if ((item.expiresAt !== null && Date.parse(item.expiresAt) <= now.getTime()) || checks.some((c) => c.code === 'CREDENTIAL_EXPIRED')) return 'expired'
  return item.verified ? 'valid' : 'unverified'
}

/** What the stored columns say of the credential (the document itself says more: see displayOf). */
export const storedDisplayOf = (item: WalletItemRecord): CredentialDisplay => ({
  name: item.name,
  ...(item.description ? { description: item.description } : {}),
  ...(item.imageUrl ? { imageUrl: item.imageUrl } : {}),
  issuer: { ...(item.issuerId ? { id: item.issuerId } : {}), name: item.issuerName },
  ...(item.issuedAt ? { issuedAt: item.issuedAt } : {}),
  ...(item.expiresAt ? { expiresAt: item.expiresAt } : {}),
  skills: item.skills,
})

/** A wallet item as pages and the API show it. */
export const itemViewOf = (item: WalletItemRecord, now: Date): WalletItemView => ({
  id: item.id,
  source: item.source,
  format: item.format,
  credentialId: item.credentialId,
  issuedCredentialId: item.issuedCredentialId,
  verified: item.verified,
  status: statusOf(item, now),
  checkedAt: item.checkedAt,
  display: storedDisplayOf(item),
  hidden: item.hidden,
  public: item.public,
  showName: item.showName,
  addedAt: item.addedAt,
})

/** The row of a new item from a document, its verification and its display. */
export function newItemOf(
  ports: Pick<PlatformPorts, 'clock' | 'random'>,
  userId: string,
  x: { source: WalletSource; format: WalletFormat; document: string; credentialId?: string | undefined; issuedCredentialId?: string | null; verified: boolean; report: VerificationReport | string; display: CredentialDisplay; showName?: boolean },
): NewWalletItem {
  const at = ports.clock.now().toISOString()
  const d = x.display
  return {
    id: newItemId(ports.random),
    userId,
    digest: digestOf(x.document),
    credentialId: x.credentialId ?? null,
    issuedCredentialId: x.issuedCredentialId ?? null,
    source: x.source,
    format: x.format,
    document: x.document,
    verified: x.verified,
    report: typeof x.report === 'string' ? x.report : reportText(x.report),
    checkedAt: at,
    name: d.name.slice(0, 300),
    description: (d.description ?? '').slice(0, 10_000),
    imageUrl: d.imageUrl ?? null,
    issuerId: d.issuer.id ?? null,
    issuerName: d.issuer.name.slice(0, 300),
    issuedAt: d.issuedAt ?? null,
    expiresAt: d.expiresAt ?? null,
    skills: d.skills,
    ...(x.showName !== undefined ? { showName: x.showName } : {}),
    addedAt: at,
  }
}

/** What an import hands the wallet: the inspected document with its verification and display. */
export interface ImportedCredential {
  format: WalletFormat
  /** The document as received (JSON text or a compact JWT). */
  document: string
  credentialId?: string | undefined
  verified: boolean
  report: VerificationReport
  display: CredentialDisplay
}

/**
 * Keeps an imported credential in the learner's wallet, once per (learner, digest of the document
 * text): a second import of the same text answers the kept item with `duplicate: true`. The
 * credential's badge image (an https or data: URL) is kept on this instance when it can be fetched
 * and passes the image check; otherwise the item has no image.
 */
export async function addImported(ports: Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'media' | 'fetcher' | 'publicUrl'>, userId: string, x: ImportedCredential): Promise<{ item: WalletItemView; duplicate: boolean }> {
  const row = newItemOf(ports, userId, { ...x, source: 'import' })
  const known = await ports.store.repos.walletItems.byDigest(userId, row.digest)
  if (known) return { item: itemViewOf(known, ports.clock.now()), duplicate: true }
  // Another issuer's image cannot show under this instance's CSP: keep a checked copy (none: the placeholder).
  row.imageUrl = (await keepImportedImage(ports, userId, x.display.imageUrl)) ?? null
  const outcome = await ports.store.repos.walletItems.insert(row)
  const kept = await ports.store.repos.walletItems.byDigest(userId, row.digest)
  if (!kept) throw new Error('wallet item vanished after insert')
  return { item: itemViewOf(kept, ports.clock.now()), duplicate: outcome === 'duplicate' }
}
