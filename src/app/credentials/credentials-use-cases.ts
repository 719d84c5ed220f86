import { createHash } from 'node:crypto'
import { PlatformError } from '../../core/errors.js'
import type { Locale } from '../i18n/locales.js'
import type { ImageMediaType, ImageRecord } from '../media/images.js'
import { jsonDocuments } from '../platform/fetcher.js'
import type { PlatformPorts } from '../platform/ports.js'
import { achievementImageUrl, badgeImageType, localImageId } from './badge-image.js'
import { acceptClaim, openClaim } from './claim-credential.js'
import { claimLinkState, createClaimLinkLimits, requestClaimLink, resendClaim, type ClaimLinkState } from './claim-link.js'
import { credentialIdOf, credentialUuid } from './credential-id.js'
import { signedDocumentOf } from './signed-document.js'
import { downloadCredential, type CredentialDownload, type DownloadKind } from './downloads.js'
import { getIssuedCredential } from './get-issued-credential.js'
import type { DocumentAccess, FetchLocal, IssuedCredentialView } from './ports.js'
import type { LookRecorder } from './look-recorder.js'
import type { TrustedReport } from '../trust/trust-check.js'
import { createVerificationCache } from './verification-cache.js'
import { keptReads } from '../platform/kept-reads.js'
import { recordBrowserVerification, recordLook, verifyHostedCredential, verifyHostedCredentialById, verifySubmittedCredential, type Viewer } from './verify-issued-credential.js'
import { RateLimitedError } from '../accounts/errors.js'
import { sharedRateLimiter } from '../platform/rate-limits.js'
import { BoundedMap } from '../../core/bounded-map.js'

/** How many browser verifications one client may report (per minute). */
export const BROWSER_VERIFICATION_RATE_LIMIT = Object.freeze({ limit: 60, windowMs: 60_000 })

/** What a credential's public page is drawn from: the credential, its live verification, its badge's type and a QR code of the page. */
export interface CredentialPageData {
  view: IssuedCredentialView
  report: TrustedReport
  /** The badge image's type on this instance (decides which baked images are offered). */
  badge: ImageMediaType | undefined
  /** A 160 px QR code (SVG) of the page's URL. */
  qrSvg: string
  checkedAt: Date
  /**
   * Everything above but `checkedAt` can only change when this does (the credential's row and
   * organization, its report's version, its badge's type), until `stableUntil` (ms since the epoch);
   * undefined when the report is not kept (a page drawn from it must not be kept either).
   */
  version: string | undefined
  stableUntil: number
}

/** An issued credential's signed document as served: the stored bytes, never parsed and re-serialised. */
export type StoredDocument = {
  /** The credential's id, `urn:uuid:…`. */
  id: string
  /** The credential's JSON (with its embedded proof, or a VC-JWT's payload credential) and its strong entity tag (quoted: the SHA-256 of the bytes). */
  json: { body: string; etag: string }
} & ({ format: 'json' } | { format: 'jwt'; compact: { body: string; etag: string } })

/**
 * The public side of issued credentials: documents, pages, downloads, claim links, verification.
 * Verification reads this instance's own documents through `fetchLocal` (the app's own handlers,
 * in-process) and other hosts' only through the guarded fetcher.
 */
export interface CredentialsUseCases {
  /** An issued credential by UUID or `urn:uuid:` id, revoked and suspended ones included; ERR_NOT_FOUND otherwise. */
  get(id: string): Promise<IssuedCredentialView>
  /** The public page's data, verified live (recorded as a page view unless `viewer` is a member of the issuing organization). */
  page(id: string, fetchLocal: FetchLocal, viewer?: Viewer): Promise<CredentialPageData>
  /** An issued credential's signed document as stored, with a strong ETag of its bytes; ERR_NOT_FOUND otherwise. */
  document(id: string): Promise<StoredDocument>
  /** The live VerificationReport of an issued credential (recorded as a verification unless `viewer` is a member of the issuing organization). */
  verify(id: string, fetchLocal: FetchLocal, viewer?: Viewer): Promise<TrustedReport>
  /** The VerificationReport of any credential someone submits (JSON or a compact VC-JWT), with whether its issuer is trusted; recorded like `verify`. */
  verifySubmitted(input: unknown, fetchLocal: FetchLocal, viewer?: Viewer): Promise<TrustedReport>
  /**
   * Counts a verification a visitor's browser made of a credential this instance issued (channel
   * `browser`); `client` (the caller's address) only keys the rate limit and is not stored.
   * ERR_NOT_FOUND for a credential not issued here; RateLimitedError past the limit.
   */
  countBrowserVerification(id: string, verified: boolean, client: string, viewer?: Viewer): Promise<{ counted: boolean }>
  /** A download: the signed credential, the baked badge (PNG or SVG) or the PDF certificate (its words in `locale`). */
  download(id: string, kind: DownloadKind, options?: { locale?: Locale }): Promise<CredentialDownload>
  /** The credential an unused claim link offers; ERR_TOKEN_INVALID otherwise. */
  openClaim(token: string): Promise<IssuedCredentialView>
  /** The learner accepts it, choosing whether the page shows their name. */
  acceptClaim(request: { token: string; showName: boolean }): Promise<IssuedCredentialView>
  /** What a claim link opens: a credential to accept, one accepted before, one whose link was replaced, or nothing. */
  claimLink(token: string): Promise<ClaimLinkState>
  /** The holder of a claim link asks for a fresh one, mailed to the address on record (silently nothing when it cannot be sent). */
  requestClaimLink(token: string): Promise<void>
  /** The issuer sends a fresh claim link to the learner's address on record. */
  resendClaim(request: { orgId: string; credentialId: string }): Promise<{ credentialId: string; sentTo: string; claimed: boolean }>
  /** A stored image (badge or logo) by its digest; ERR_NOT_FOUND otherwise. */
  image(id: string): Promise<ImageRecord>
}

/**
 * The public credential use cases bound to `ports`. Verifications of issued credentials keep what
 * does not change between them (a VerificationCache of this binding); looks are counted through
 * `looks` when given (batched writes), else written one by one.
 */
export function credentialsUseCases(ports: PlatformPorts, looks?: LookRecorder): CredentialsUseCases {
  const claimLimits = createClaimLinkLimits(ports)
  const browserReports = sharedRateLimiter(ports, 'browser-verification', BROWSER_VERIFICATION_RATE_LIMIT)
  const fetchRemote = ports.fetcher ? jsonDocuments(ports.fetcher) : undefined
  const cache = createVerificationCache(ports)
  // A page's QR code depends only on its URL: drawn once per credential (the most recent 10,000 kept).
  const qrCodes = new BoundedMap<string, string>(10_000)
  const qrSvg = (url: string): string => qrCodes.obtain(url, () => ports.media.qrCodeSvg(url, { size: 160 }))
  // A stored image's type never changes (images are stored by their digest): known types are kept.
  const badgeTypes = new BoundedMap<string, ImageMediaType>(10_000)
  const badgeType = async (view: IssuedCredentialView): Promise<ImageMediaType | undefined> => {
    const key = localImageId(ports.publicUrl, achievementImageUrl(view))
    const known = key === undefined ? undefined : badgeTypes.get(key)
    if (known !== undefined) return known
    const type = await badgeImageType(ports, view)
    if (key !== undefined && type !== undefined) badgeTypes.set(key, type)
    return type
  }
  // What verifications read again and again (this instance's DID documents, a submitted credential's
  // row here), kept while nothing was written (SQLite's change token); per app for documents.
  const kept = keptReads(ports.store)
  const apps = new WeakMap<FetchLocal, number>()
  let appCount = 0
  const appOf = (fetchLocal: FetchLocal): number => {
    let app = apps.get(fetchLocal)
    if (app === undefined) {
      app = ++appCount
      apps.set(fetchLocal, app)
    }
    return app
  }
  // The last page data of each credential (per app) and the change token read before it was read: reused while that token holds.
  const keptPages = new BoundedMap<string, { changeToken: string; data: CredentialPageData }>(10_000)
  // What verifying needs, made once per app (fetchLocal): copying every port per request cost a warm verification ~5%.
  const depsOf = new WeakMap<FetchLocal, ReturnType<typeof makeDeps>>()
  const makeDeps = (fetchLocal: FetchLocal) => {
    const keptLocalJson = (path: string, load: () => Promise<unknown>) => kept(`document:${appOf(fetchLocal)}:${path}`, load)
    const documents: DocumentAccess = fetchRemote ? { fetchLocal, fetchRemote, keptLocalJson } : { fetchLocal, keptLocalJson }
    return { ...ports, documents, cache, kept, ...(looks ? { looks } : {}) }
  }
  const deps = (fetchLocal: FetchLocal) => {
    let made = depsOf.get(fetchLocal)
    if (!made) depsOf.set(fetchLocal, (made = makeDeps(fetchLocal)))
    return made
  }
  return {
    get: (id) => getIssuedCredential(ports, id),
    async document(param) {
      const id = credentialIdOf(param)
      if (id === undefined) throw new PlatformError('ERR_NOT_FOUND', `No credential ${param.slice(0, 100)} on this instance`)
      // Kept while nothing was written (the store's change token), with its ETag: reading and hashing it per request was a fifth of the route's time.
      return kept(`credential-document:${id}`, async (): Promise<StoredDocument> => {
        const stored = await ports.store.repos.credentialViews.storedText(id)
        if (stored === undefined) throw new PlatformError('ERR_NOT_FOUND', `No credential ${param.slice(0, 100)} on this instance`)
        const tagged = (body: string) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` })
        if (!stored.startsWith('"')) return { id, format: 'json', json: tagged(stored) }
        // A VC-JWT is stored as a JSON string holding the compact JWS; its JSON form is the payload's credential.
        const document = signedDocumentOf(JSON.parse(stored))
        const json = tagged(JSON.stringify(document.credential))
        return document.format === 'jwt' ? { id, format: 'jwt', compact: tagged(document.compact), json } : { id, format: 'json', json }
      })
    },
    async page(id, fetchLocal, viewer) {
      // The change token before anything is read (PlatformStore.changeToken): while it reads the same,
      // the page's data kept with it is what reading again would give, until its stableUntil.
      const changeToken = ports.store.changeToken?.()
      const key = `${appOf(fetchLocal)} ${credentialIdOf(id) ?? ''}`
      const known = changeToken === undefined ? undefined : keptPages.get(key)
      const checkedAt = ports.clock.now()
      if (known !== undefined && known.changeToken === changeToken && checkedAt.getTime() < known.data.stableUntil) {
        const { view, report } = known.data
        await recordLook(deps(fetchLocal), { credentialId: view.id, orgId: view.org.id, verified: report.verified }, { kind: 'view', viewer })
        return { ...known.data, checkedAt }
      }
      const view = await getIssuedCredential(ports, id)
      const [{ report, version, stableUntil }, badge] = await Promise.all([verifyHostedCredential(deps(fetchLocal), view, { kind: 'view', viewer }, changeToken), badgeType(view)])
      const { document: _document, ...row } = view
      const data: CredentialPageData = {
        view,
        report,
        badge,
        qrSvg: qrSvg(`${ports.publicUrl}/c/${credentialUuid(view.id)}`),
        checkedAt: ports.clock.now(),
        version: version === undefined ? undefined : JSON.stringify([version, row, badge ?? null]),
        stableUntil,
      }
      if (changeToken !== undefined && data.version !== undefined) {
        keptPages.set(key, { changeToken, data })
      }
      return data
    },
    verify: (id, fetchLocal, viewer) => verifyHostedCredentialById(deps(fetchLocal), id, { kind: 'verification', viewer }),
    verifySubmitted: (input, fetchLocal, viewer) => verifySubmittedCredential(deps(fetchLocal), input, viewer),
    async countBrowserVerification(id, verified, client, viewer) {
      const decision = await browserReports.check(client)
      if (!decision.allowed) throw new RateLimitedError(`Too many verification reports from this address; try again in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds)
      await browserReports.hit(client)
      const view = await getIssuedCredential(ports, id)
      return { counted: await recordBrowserVerification({ ...ports, ...(looks ? { looks } : {}) }, view, verified, viewer) }
    },
    download: (id, kind, options) => downloadCredential(ports, id, kind, options),
    openClaim: (token) => openClaim(ports, token),
    acceptClaim: (request) => acceptClaim(ports, request),
    claimLink: (token) => claimLinkState(ports, token),
    requestClaimLink: (token) => requestClaimLink({ ...ports, limits: claimLimits }, token),
    resendClaim: (request) => resendClaim({ ...ports, limits: claimLimits }, request),
    async image(id) {
      const image = /^[0-9a-f]{64}$/.test(id) ? await ports.store.repos.images.get(id) : undefined
      if (!image) throw new PlatformError('ERR_NOT_FOUND', `No image ${id.slice(0, 100)}`)
      return image
    },
  }
}
