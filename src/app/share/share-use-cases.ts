// Sharing (issue #10 items 4 and 6): the learner's public profile, share links to a credential or
// a collection, and the skills profile. Every read and write is scoped to the learner; the public
// side never sees a hidden or private credential.
import { PlatformError } from '../../core/errors.js'
import type { VerificationReport } from '../../core/verification/index.js'
import type { FetchLocal } from '../credentials/ports.js'
import { fitBadgeTitle } from '../media/badge-design.js'
import { InputError, parseInput } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { hashSecret, isTokenShaped, newSecret } from '../platform/secret-token.js'
import type { WalletCollectionRecord, WalletItemRecord } from '../wallet/ports.js'
import { handleProblem, normalizeHandle, suggestHandle } from './handle.js'
import { profileInput, shareLinkInput } from './profile-input.js'
import type { LearnerProfile, ShareLinkRecord } from './ports.js'
import { documentOf, sharedCredentialOf, type SharedCredential } from './shared-credential.js'
import { skillsProfile, type SkillSummary } from './skills-profile.js'

/** The settings page's and GET /api/v1/wallet/profile's view. */
export interface ProfileSettings {
  profile: LearnerProfile | undefined
  /** A handle to offer while there is no profile. */
  suggestedHandle: string
  /** Every credential of the wallet (hidden ones included, they are never shown) and every collection, with whether each is public. */
  credentials: { id: string; name: string; issuerName: string; imageUrl: string | null; hidden: boolean; public: boolean }[]
  collections: { id: string; name: string; count: number; public: boolean }[]
}

/** A public collection: its name and its shareable credentials in order. */
export interface SharedCollection {
  id: string
  name: string
  description: string
  credentials: SharedCredential[]
}

/** What `/u/<handle>` shows. */
export interface PublicProfile {
  handle: string
  displayName: string
  headline: string
  bio: string
  openToEmployers: boolean
  credentials: SharedCredential[]
  collections: SharedCollection[]
  skills: SkillSummary[]
}

/** A share link as its owner sees it. */
export interface ShareLinkView {
  /** The SHA-256 of its token: the link's id (the token itself is shown once). */
  id: string
  target: { kind: 'credential' | 'collection'; id: string; name: string | null }
  state: 'active' | 'expired' | 'revoked' | 'gone'
  expiresAt: string | null
  revokedAt: string | null
  views: number
  createdAt: string
}

/** What a share link opens. */
export type OpenedShare =
  | { kind: 'credential'; owner: string | null; credential: SharedCredential; report: VerificationReport | undefined; checkedAt: Date }
  | { kind: 'collection'; owner: string | null; collection: SharedCollection }
  | { kind: 'gone'; reason: 'expired' | 'revoked' }

export interface ShareUseCases {
  /** The learner's profile settings. */
  settings(userId: string): Promise<ProfileSettings>
  /** Saves the profile (and which credentials and collections are public); ERR_INPUT_INVALID / ERR_CONFLICT (a taken handle) as an InputError. */
  saveProfile(userId: string, input: unknown): Promise<ProfileSettings>
  /** The public profile of `handle`; ERR_NOT_FOUND unless it exists and is public. */
  publicProfile(handle: string): Promise<PublicProfile>
  /** One public credential of a public profile with its live verification; ERR_NOT_FOUND otherwise. */
  publicCredential(handle: string, itemId: string, fetchLocal: FetchLocal): Promise<{ profile: PublicProfile; credential: SharedCredential; report: VerificationReport | undefined; checkedAt: Date }>
  /** The learner's skills from their verified, unhidden credentials. */
  skills(userId: string): Promise<SkillSummary[]>
  /** Creates a share link; the token is returned only here. */
  createLink(userId: string, input: unknown): Promise<{ link: ShareLinkView; token: string; url: string }>
  /** The learner's share links, newest first. */
  links(userId: string): Promise<ShareLinkView[]>
  /** The learner's share links to one credential or collection. */
  linksTo(userId: string, target: { credential?: string; collection?: string }): Promise<ShareLinkView[]>
  /** Revokes the learner's link; ERR_NOT_FOUND when it is not theirs. Revoking twice is harmless. */
  revokeLink(userId: string, id: string): Promise<ShareLinkView>
  /** Opens a link (counting a view unless the owner looks); ERR_NOT_FOUND for an unknown token. */
  open(token: string, fetchLocal: FetchLocal, viewerUserId?: string): Promise<OpenedShare>
  /** One credential of a shared collection, verified live; ERR_NOT_FOUND when it is not in it (gone: as `open`). */
  openItem(token: string, itemId: string, fetchLocal: FetchLocal): Promise<OpenedShare>
  /**
   * A download of a wallet credential that is not this instance's (those have /c/{id} downloads): the
   * document as received (`json` / `jwt`), or a drawn badge with it baked in (`png` / `svg`). Reached
   * by its owner, through a live share link, or on a public profile; ERR_NOT_FOUND otherwise.
   */
  download(access: SharedAccess, kind: ShareDownloadKind): Promise<ShareDownload>
}

/** How a download is reached. */
export type SharedAccess = { userId: string; itemId: string } | { token: string; itemId?: string | undefined } | { handle: string; itemId: string }
export type ShareDownloadKind = 'json' | 'jwt' | 'png' | 'svg'
export type ShareDownload = { kind: 'file'; body: string | Uint8Array; mediaType: string; fileName: string } | { kind: 'redirect'; location: string }

/** How a shared credential is verified again when opened (bound to the credentials namespace). */
export type LiveVerifier = (item: WalletItemRecord, fetchLocal: FetchLocal) => Promise<VerificationReport | undefined>

type Deps = Pick<PlatformPorts, 'store' | 'clock' | 'random' | 'publicUrl' | 'media'>

const notFound = (what: string) => new PlatformError('ERR_NOT_FOUND', what)

/** The sharing use cases bound to `ports`; `verify` re-checks a credential when its share page opens. */
export function shareUseCases(ports: Deps, verify: LiveVerifier): ShareUseCases {
  const { store, clock } = ports
  const repos = store.repos

  const settings = async (userId: string): Promise<ProfileSettings> => {
    const [profile, items, collections, publicCollections, user] = await Promise.all([
      repos.learnerProfiles.get(userId),
      repos.walletItems.list(userId),
      repos.walletCollections.list(userId),
      repos.learnerProfiles.publicCollections(userId),
      repos.accounts.userById(userId),
    ])
    const open = new Set(publicCollections)
    return {
      profile,
      suggestedHandle: suggestHandle(user?.name ?? '', userId.replace(/[^a-z0-9]/g, '').slice(0, 6) || 'learner'),
      credentials: items.map((i) => ({ id: i.id, name: i.name, issuerName: i.issuerName, imageUrl: i.imageUrl, hidden: i.hidden, public: i.public })),
      collections: collections.map((c) => ({ id: c.id, name: c.name, count: c.itemIds.length, public: open.has(c.id) })),
    }
  }

  /** The shareable credentials of `items` (never hidden ones), in order. */
  const shareable = (items: readonly WalletItemRecord[]) => items.filter((i) => !i.hidden).map((i) => sharedCredentialOf(i, clock.now()))

  const collectionOf = async (userId: string, c: WalletCollectionRecord, only?: ReadonlySet<string>): Promise<SharedCollection> => {
    const items = (await Promise.all(c.itemIds.map((id) => repos.walletItems.get(userId, id)))).filter((i): i is WalletItemRecord => i !== undefined && (!only || only.has(i.id)))
    return { id: c.id, name: c.name, description: c.description, credentials: shareable(items) }
  }

  const publicProfile = async (handle: string): Promise<{ profile: PublicProfile; items: WalletItemRecord[] }> => {
    const normalized = normalizeHandle(handle)
    const profile = normalized.length <= 30 ? await repos.learnerProfiles.byHandle(normalized) : undefined
    if (!profile || !profile.public) throw notFound(`No public profile ${handle.slice(0, 40)}`)
    const [items, collections, publicCollections] = await Promise.all([
      repos.walletItems.listPublic(profile.userId),
      repos.walletCollections.list(profile.userId),
      repos.learnerProfiles.publicCollections(profile.userId),
    ])
    const visible = items.filter((i) => i.public && !i.hidden)
    const visibleIds = new Set(visible.map((i) => i.id))
    const open = new Set(publicCollections)
    // A public collection shows only the credentials that are public themselves.
    const shownCollections = await Promise.all(collections.filter((c) => open.has(c.id)).map((c) => collectionOf(profile.userId, c, visibleIds)))
    const credentials = shareable(visible)
    return {
      items: visible,
      profile: {
        handle: profile.handle,
        displayName: profile.displayName,
        headline: profile.headline,
        bio: profile.bio,
        openToEmployers: profile.openToEmployers,
        credentials,
        collections: shownCollections,
        skills: skillsProfile(credentials.filter((c) => c.verified).map((c) => ({ id: c.id, name: c.name, issuerName: c.issuer.name, skills: c.skills }))),
      },
    }
  }

  /** Verifies again and keeps the outcome on the item (its public statuses follow). */
  const live = async (item: WalletItemRecord, fetchLocal: FetchLocal) => {
    const report = await verify(item, fetchLocal).catch(() => undefined)
    const checkedAt = clock.now()
    if (report) await repos.walletItems.setReport(item.userId, item.id, { verified: report.verified, report: JSON.stringify(report), checkedAt: checkedAt.toISOString() })
    const fresh = report ? { ...item, verified: report.verified, report: JSON.stringify(report), checkedAt: checkedAt.toISOString() } : item
    return { credential: sharedCredentialOf(fresh, checkedAt, report), report, checkedAt }
  }

  const linkView = async (link: ShareLinkRecord): Promise<ShareLinkView> => {
    const now = clock.now()
    let name: string | null = null
    if (link.itemId) name = (await repos.walletItems.get(link.userId, link.itemId))?.name ?? null
    else if (link.collectionId) name = (await repos.walletCollections.get(link.userId, link.collectionId))?.name ?? null
    const state = link.revokedAt ? 'revoked' : name === null ? 'gone' : link.expiresAt && Date.parse(link.expiresAt) <= now.getTime() ? 'expired' : 'active'
    return {
      id: link.tokenHash,
      target: link.itemId ? { kind: 'credential', id: link.itemId, name } : { kind: 'collection', id: link.collectionId ?? '', name },
      state,
      expiresAt: link.expiresAt,
      revokedAt: link.revokedAt,
      views: link.views,
      createdAt: link.createdAt,
    }
  }

  /** The live link of a token, or why it is not (undefined: no such link). */
  const liveLink = async (token: string): Promise<ShareLinkRecord | { gone: 'expired' | 'revoked' } | undefined> => {
    const link = isTokenShaped(token) ? await repos.shareLinks.get(hashSecret(token)) : undefined
    if (!link) return undefined
    if (link.revokedAt) return { gone: 'revoked' }
    if (link.expiresAt && Date.parse(link.expiresAt) <= clock.now().getTime()) return { gone: 'expired' }
    return link
  }

  /** The item a link reaches: its credential, or `itemId` within its collection; never a hidden one. */
  const itemOfLink = async (link: ShareLinkRecord, itemId?: string): Promise<WalletItemRecord | undefined> => {
    if (link.itemId) return itemId === undefined || itemId === link.itemId ? visibleItem(link.userId, link.itemId) : undefined
    const collection = await repos.walletCollections.get(link.userId, link.collectionId ?? '')
    return collection && itemId !== undefined && collection.itemIds.includes(itemId) ? visibleItem(link.userId, itemId) : undefined
  }
  const visibleItem = async (userId: string, itemId: string) => {
    const item = await repos.walletItems.get(userId, itemId)
    return item && !item.hidden ? item : undefined
  }

  const ownerName = async (userId: string): Promise<string | null> => (await repos.learnerProfiles.get(userId))?.displayName ?? (await repos.accounts.userById(userId))?.name ?? null

  return {
    settings,

    async saveProfile(userId, raw) {
      const input = parseInput(profileInput, raw)
      const handle = normalizeHandle(input.handle)
      const problem = handleProblem(handle)
      if (problem) throw new InputError([{ path: 'handle', ...problem }])
      const [items, collections] = await Promise.all([repos.walletItems.list(userId), repos.walletCollections.list(userId)])
      const unknownItem = input.publicCredentials?.findIndex((id) => !items.some((i) => i.id === id)) ?? -1
      if (unknownItem >= 0) throw new InputError([{ path: `publicCredentials.${unknownItem}`, code: 'invalid_choice', message: 'not a credential of your wallet' }])
      const unknownCollection = input.publicCollections?.findIndex((id) => !collections.some((c) => c.id === id)) ?? -1
      if (unknownCollection >= 0) throw new InputError([{ path: `publicCollections.${unknownCollection}`, code: 'invalid_choice', message: 'not one of your collections' }])
      const saved = await store.transaction(async (tx) => {
        const result = await tx.repos.learnerProfiles.save({ userId, handle, displayName: input.displayName, headline: input.headline, bio: input.bio, public: input.public, openToEmployers: input.openToEmployers }, clock.now())
        if (result === 'taken') return result
        if (input.publicCredentials) {
          const wanted = new Set(input.publicCredentials)
          for (const item of items) if (item.public !== wanted.has(item.id)) await tx.repos.walletItems.update(userId, item.id, { public: wanted.has(item.id) })
        }
        if (input.publicCollections) await tx.repos.learnerProfiles.setPublicCollections(userId, input.publicCollections)
        return result
      })
      if (saved === 'taken') throw new InputError([{ path: 'handle', code: 'taken', message: 'this handle is taken; choose another' }], { code: 'ERR_CONFLICT' })
      return settings(userId)
    },

    publicProfile: async (handle) => (await publicProfile(handle)).profile,

    async publicCredential(handle, itemId, fetchLocal) {
      const { profile, items } = await publicProfile(handle)
      const item = items.find((i) => i.id === itemId)
      if (!item) throw notFound(`No public credential ${itemId.slice(0, 40)} on this profile`)
      return { profile, ...(await live(item, fetchLocal)) }
    },

    async skills(userId) {
      const items = await repos.walletItems.list(userId)
      return skillsProfile(items.filter((i) => i.verified && !i.hidden).map((i) => ({ id: i.id, name: i.name, issuerName: i.issuerName, skills: i.skills })))
    },

    async createLink(userId, raw) {
      const input = parseInput(shareLinkInput, raw)
      const now = clock.now()
      if (input.credential !== undefined) {
        const item = await repos.walletItems.get(userId, input.credential)
        if (!item) throw new InputError([{ path: 'credential', code: 'invalid_choice', message: 'not a credential of your wallet' }])
        if (item.hidden) throw new InputError([{ path: 'credential', code: 'invalid', message: 'this credential is hidden; show it in your wallet before sharing it' }])
      } else if (!(await repos.walletCollections.get(userId, input.collection ?? ''))) {
        throw new InputError([{ path: 'collection', code: 'invalid_choice', message: 'not one of your collections' }])
      }
      const expiresAt = input.expiresAt ? new Date(input.expiresAt) : input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : undefined
      if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new InputError([{ path: 'expiresAt', code: 'out_of_range', message: 'must be in the future' }])
      const { token, hash } = newSecret(ports.random)
      const record = { tokenHash: hash, userId, itemId: input.credential ?? null, collectionId: input.collection ?? null, expiresAt: expiresAt?.toISOString() ?? null, createdAt: now.toISOString() }
      await repos.shareLinks.create(record)
      return { link: await linkView({ ...record, views: 0, revokedAt: null }), token, url: `${ports.publicUrl}/s/${token}` }
    },

    links: async (userId) => Promise.all((await repos.shareLinks.listOf(userId)).map(linkView)),

    async linksTo(userId, target) {
      const links = (await repos.shareLinks.listOf(userId)).filter((l) => (target.credential ? l.itemId === target.credential : l.collectionId === target.collection))
      return Promise.all(links.map(linkView))
    },

    async revokeLink(userId, id) {
      const link = /^[0-9a-f]{64}$/.test(id) ? await repos.shareLinks.get(id) : undefined
      if (!link || link.userId !== userId) throw notFound(`No share link ${id.slice(0, 64)}`)
      await repos.shareLinks.revoke(userId, id, clock.now())
      return linkView((await repos.shareLinks.get(id))!)
    },

    async open(token, fetchLocal, viewerUserId) {
      const link = await liveLink(token)
      if (!link) throw notFound('No such share link')
      if ('gone' in link) return { kind: 'gone', reason: link.gone }
      if (link.itemId) {
        const item = await repos.walletItems.get(link.userId, link.itemId)
        // A deleted or hidden credential is no longer shared: the link answers as withdrawn.
        if (!item || item.hidden) return { kind: 'gone', reason: 'revoked' }
        if (viewerUserId !== link.userId) await repos.shareLinks.countView(link.tokenHash)
        return { kind: 'credential', owner: item.showName ? await ownerName(link.userId) : null, ...(await live(item, fetchLocal)) }
      }
      const collection = await repos.walletCollections.get(link.userId, link.collectionId ?? '')
      if (!collection) return { kind: 'gone', reason: 'revoked' }
      if (viewerUserId !== link.userId) await repos.shareLinks.countView(link.tokenHash)
      return { kind: 'collection', owner: await ownerName(link.userId), collection: await collectionOf(link.userId, collection) }
    },

    async openItem(token, itemId, fetchLocal) {
      const link = await liveLink(token)
      if (!link) throw notFound('No such share link')
      if ('gone' in link) return { kind: 'gone', reason: link.gone }
      const item = link.collectionId ? await itemOfLink(link, itemId) : undefined
      if (!item) throw notFound(`No credential ${itemId.slice(0, 40)} in this shared collection`)
      return { kind: 'credential', owner: item.showName ? await ownerName(link.userId) : null, ...(await live(item, fetchLocal)) }
    },

    async download(access, kind) {
      let item: WalletItemRecord | undefined
      if ('userId' in access) item = await repos.walletItems.get(access.userId, access.itemId)
      else if ('handle' in access) item = (await publicProfile(access.handle).catch(() => undefined))?.items.find((i) => i.id === access.itemId)
      else {
        const link = await liveLink(access.token)
        item = link && !('gone' in link) ? await itemOfLink(link, access.itemId) : undefined
      }
      if (!item) throw notFound('No such credential to download')
      if (item.issuedCredentialId) {
        const page = `/c/${sharedCredentialOf(item, clock.now()).issuedHere}`
        return { kind: 'redirect', location: `${page}/${kind === 'json' || kind === 'jwt' ? (item.format === 'vc-jwt' ? 'credential.jwt' : 'credential.json') : `badge.${kind}`}` }
      }
      const base = fileBaseOf(item.name)
      if (kind === 'json' || kind === 'jwt') {
        const jwt = item.format === 'vc-jwt'
        return { kind: 'file', body: item.document, mediaType: jwt ? 'application/vc+jwt' : 'application/json', fileName: `${base}.${jwt ? 'jwt' : 'json'}` }
      }
      // OB 3.0 bakes the credential; an OB 2.0 assertion is baked as its JSON too (its own baking format).
      const svg = ports.media.designBadge({ title: fitBadgeTitle(item.name) || 'Credential' })
      if (kind === 'svg') return { kind: 'file', body: ports.media.bakeSvg(svg, item.document), mediaType: 'image/svg+xml', fileName: `${base}.svg` }
      return { kind: 'file', body: ports.media.bakePng(ports.media.svgToPng(svg, { size: 512 }), item.document), mediaType: 'image/png', fileName: `${base}.png` }
    },
  }
}

/** A file name from a credential's name: lower-case words joined by hyphens. */
const fileBaseOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'credential'

/** The live verifier over the credentials namespace: this instance's own credentials locally, others as submitted (OB 2.0 assertions keep their stored report). */
export const liveVerifierOf =
  (credentials: { verify(id: string, fetchLocal: FetchLocal): Promise<VerificationReport>; verifySubmitted(input: unknown, fetchLocal: FetchLocal): Promise<VerificationReport> }): LiveVerifier =>
  async (item, fetchLocal) => {
    if (item.issuedCredentialId) return credentials.verify(item.issuedCredentialId, fetchLocal)
    if (item.format === 'ob2') return undefined
    return credentials.verifySubmitted(documentOf(item), fetchLocal)
  }
