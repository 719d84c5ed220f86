import { strToU8, zipSync } from 'fflate'
import { PlatformError } from '../../core/errors.js'
import type { PlatformPorts } from '../platform/ports.js'
import { parseReport } from '../wallet/items.js'

/** The file name of a kept credential in the export: `.jwt` for a compact VC-JWT, `.json` otherwise. */
export const exportedFileOf = (item: { id: string; format: string }): string => `credentials/${item.id}.${item.format === 'vc-jwt' ? 'jwt' : 'json'}`

const README = (at: string, publicUrl: string) => `Your data from Emblem (${publicUrl}), exported ${at}
==========================================================================

credentials/   Every credential in your wallet, exactly as it was received: the bytes
               are unchanged, so each one still verifies anywhere.
               <id>.json  a JSON credential (Open Badges 3.0 / Verifiable Credential with
                          an embedded proof) or an Open Badges 2.0 assertion
               <id>.jwt   a compact VC-JWT (a signed JSON Web Token)
               Check one at ${publicUrl}/verify, or with any Open Badges 3.0 verifier.

account.json   Everything else Emblem keeps about you:
               user          your name, sign-up address and when you joined
               emails        your e-mail addresses and whether each is confirmed
               did           your holder DID (did:key), when you have used it; its private
                             key stays sealed on the server and is not exported
               organizations the organizations you belong to, with your role
               credentials   one entry per wallet credential: where it came from, its
                             name and issuer, whether it is hidden or public, whether your
                             name shows, its last verification and its file above
               profile       your public profile (handle, name, headline, bio), if you made one
               collections   your collections and the credentials in each, in order
               shareLinks    the links you shared: to which credential or collection, when
                             they expire or were revoked, how often they were opened (the
                             links themselves are secrets only you were shown)
               settings      your notification choices
               talent        whether employers may find you (and the location you chose),
                             the messages employers and you exchanged, which employers
                             opened your profile from a search, and those you blocked

Not included: your password (only a one-way hash of it is stored, and never
exported), sign-in sessions and one-time links.

Credentials organizations issued to you also stay with them: deleting your account
removes your copies and your data, and the issued credentials remain verifiable.
`

/**
 * The account's data as a zip: every wallet credential as received (credentials/<id>.json or
 * .jwt), account.json (profile, e-mail addresses, organizations, collections, settings; never the
 * password hash or tokens) and README.txt.
 */
export async function exportAccount({ store, clock, publicUrl }: Pick<PlatformPorts, 'store' | 'clock' | 'publicUrl'>, userId: string): Promise<{ zip: Uint8Array; filename: string }> {
  const repos = store.repos
  const user = await repos.accounts.userById(userId)
  if (!user) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  const [emails, memberships, items, collections, key, news, expiryReminders, profile, publicCollections, links, optin, messages, views, blocked] = await Promise.all([
    repos.accountEmails.list(userId),
    repos.accounts.memberships(userId),
    repos.walletItems.list(userId, { limit: 100_000 }),
    repos.walletCollections.list(userId),
    repos.holder.keyOf(userId),
    repos.holder.notificationSettings(userId),
    repos.accountEmails.expiryReminders(userId),
    repos.learnerProfiles.get(userId),
    repos.learnerProfiles.publicCollections(userId),
    repos.shareLinks.listOf(userId),
    repos.talent.optin(userId),
    repos.talent.messagesOf(userId, 10_000),
    repos.talent.views(userId, 10_000),
    repos.talent.blocked(userId),
  ])
  const at = clock.now().toISOString()
  const files: Record<string, Uint8Array> = {}
  for (const item of items) files[exportedFileOf(item)] = strToU8(item.document)
  const account = {
    exportedAt: at,
    instance: publicUrl,
    user: { id: user.id, name: user.name, email: user.email, emailVerifiedAt: user.emailVerifiedAt, createdAt: user.createdAt },
    emails: emails.map((e) => ({ email: e.email, verifiedAt: e.verifiedAt, addedAt: e.createdAt })),
    did: key ? { did: key.did, publicKeyMultibase: key.publicKeyMultibase, createdAt: key.createdAt } : null,
    organizations: memberships.map((m) => ({ slug: m.org.slug, name: m.org.name, role: m.role })),
    credentials: items.map((item) => ({
      id: item.id,
      file: exportedFileOf(item),
      source: item.source,
      format: item.format,
      credentialId: item.credentialId,
      name: item.name,
      issuer: { id: item.issuerId, name: item.issuerName },
      issuedAt: item.issuedAt,
      expiresAt: item.expiresAt,
      skills: item.skills,
      hidden: item.hidden,
      public: item.public,
      showName: item.showName,
      addedAt: item.addedAt,
      verification: { verified: item.verified, checkedAt: item.checkedAt, checks: parseReport(item.report).checks },
    })),
    profile: profile
      ? { handle: profile.handle, displayName: profile.displayName, headline: profile.headline, bio: profile.bio, public: profile.public, openToEmployers: profile.openToEmployers, createdAt: profile.createdAt, updatedAt: profile.updatedAt }
      : null,
    collections: collections.map((c) => ({ id: c.id, name: c.name, description: c.description, createdAt: c.createdAt, public: publicCollections.includes(c.id), credentials: c.itemIds })),
    shareLinks: links.map((l) => ({ credential: l.itemId, collection: l.collectionId, createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt, views: l.views })),
    settings: { expiryReminders, productNews: news.productNews },
    talent: {
      optIn: optin ? { location: optin.location, country: optin.country, optedInAt: optin.optedInAt } : null,
      messages: messages.map((m) => ({ organization: { slug: m.orgSlug, name: m.orgName }, from: m.sender, body: m.body, sentAt: m.createdAt, readAt: m.readAt })),
      profileViews: views.map((v) => ({ organization: { slug: v.orgSlug, name: v.orgName }, viewedAt: v.viewedAt })),
      blocked: blocked.map((b) => ({ slug: b.orgSlug, name: b.orgName })),
    },
  }
  files['account.json'] = strToU8(`${JSON.stringify(account, null, 2)}\n`)
  files['README.txt'] = strToU8(README(at, publicUrl))
  const mtime = clock.now()
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime }]])), { level: 6 })
  return { zip, filename: `emblem-export-${at.slice(0, 10)}.zip` }
}
