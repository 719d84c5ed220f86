import { Hono, type Context } from 'hono'
import type { ShareDownloadKind, SharedAccess } from '../../../app/share/share-use-cases.js'
import { SVG_CONTENT_SECURITY_POLICY } from '../../../app/media/images.js'
import { InputError } from '../../../app/platform/input-error.js'
import type { SharedCredential } from '../../../app/share/shared-credential.js'
import { requireUser, signedInUser } from '../../../http/auth/require.js'
import '../../../http/context.js'
import { readFormAll } from '../../../http/request.js'
import { SocialMeta } from '../../components/social-meta.js'
import { render, tOf } from '../../kit/render.js'
import { camelCode } from '../account/field-errors.js'
import { LinkCreatedView, ProfileSettingsView, type ProfileFormValues } from './profile-settings-view.js'
import { PublicProfileView } from './public-profile-view.js'
import { embedSnippet, shareLinksOf } from './share-actions.js'
import { imageOf, previewImageOf } from './share-parts.js'
import { GoneView, SharedCollectionView } from './shared-collection-view.js'
import { SharedCredentialView } from './shared-credential-view.js'
import { SkillsView } from './skills-view.js'

const FILES: Record<string, ShareDownloadKind> = { 'credential.json': 'json', 'credential.jwt': 'jwt', 'badge.png': 'png', 'badge.svg': 'svg' }

/** Sends a download of a shared credential (or redirects to this instance's own). */
async function sendDownload(c: Context, access: SharedAccess): Promise<Response> {
  const kind = FILES[c.req.param('file') ?? '']
  if (!kind) return c.notFound()
  const file = await c.get('platform').share.download(access, kind)
  if (file.kind === 'redirect') return c.redirect(file.location, 303)
  if (file.mediaType === 'image/svg+xml') c.header('Content-Security-Policy', SVG_CONTENT_SECURITY_POLICY)
  c.header('Content-Disposition', `${kind === 'png' ? 'inline' : 'attachment'}; filename="${file.fileName}"`)
  c.header('Cache-Control', 'private, no-store')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(typeof file.body === 'string' ? file.body : (file.body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': file.mediaType })
}

/** The form's values: repeated checkboxes as lists. */
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

async function settingsPage(c: Context, userId: string, extra: { values?: ProfileFormValues; errors?: Record<string, string>; notice?: 'saved' | 'revoked'; status?: 200 | 409 | 422 } = {}) {
  const [settings, links, talent] = await Promise.all([c.get('platform').share.settings(userId), c.get('platform').share.links(userId), c.get('platform').talent.visibility(userId)])
  return render(c, <ProfileSettingsView model={{ settings, links, talent, values: extra.values, errors: extra.errors, notice: extra.notice }} />, { title: tOf(c).t('share.profile.title'), status: extra.status ?? 200 })
}

/** A shared credential's page, with the preview tags of `pageUrl`. */
async function credentialPage(c: Context, opened: { credential: SharedCredential; report: Parameters<typeof SharedCredentialView>[0]['model']['report']; checkedAt: Date; owner: string | null }, where: { pageUrl: string; downloadBase: string; publicUrl: string | undefined; back?: { href: string; name: string }; noindex?: boolean }) {
  const t = tOf(c)
  const origin = c.get('platform').publicUrl
  const cred = opened.credential
  const item = { ...cred, issuerName: cred.issuer.name, issuedCredentialId: cred.issuedHere, hidden: false }
  const links = shareLinksOf(item, origin, { base: where.downloadBase, publicUrl: where.publicUrl })
  const alt = t.t('share.embed.alt', { name: cred.name, issuer: cred.issuer.name })
  const fallback = `${where.downloadBase}/badge.png`
  const head = <SocialMeta title={`${cred.name} — ${cred.issuer.name}`} description={cred.description || alt} url={where.pageUrl} image={previewImageOf(cred, origin, fallback)} imageAlt={alt} noindex={where.noindex ?? false} />
  return render(c, <SharedCredentialView model={{ ...opened, image: imageOf(cred, origin, fallback), links, embed: embedSnippet(links, origin, alt, t.t('share.embed.verify', { name: cred.name })), back: where.back }} />, {
    title: cred.name,
    description: (cred.description || alt).slice(0, 300),
    head,
  })
}

const gone = (c: Context, reason: 'expired' | 'revoked') => render(c, <GoneView reason={reason} />, { title: tOf(c).t('share.gone.title'), status: 410 })

/** Sharing pages: profile settings, skills, share links, the public profile /u/<handle> and shared pages /s/<token>. */
export const sharePages = (): Hono =>
  new Hono()
    .get('/wallet/profile', (c) => settingsPage(c, requireUser(c).id, { notice: c.req.query('done') === 'saved' ? 'saved' : c.req.query('done') === 'revoked' ? 'revoked' : undefined }))
    .post('/wallet/profile', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      const values: ProfileFormValues = {
        handle: one(form['handle']),
        displayName: one(form['displayName']),
        headline: one(form['headline']),
        bio: one(form['bio']),
        public: one(form['public']) === '1',
        openToEmployers: one(form['openToEmployers']) === '1',
        publicCredentials: list(form['publicCredentials']),
        publicCollections: list(form['publicCollections']),
      }
      try {
        await c.get('platform').share.saveProfile(userId, { ...values, publicCredentials: [...values.publicCredentials], publicCollections: [...values.publicCollections] })
      } catch (err) {
        if (!(err instanceof InputError)) throw err
        const t = tOf(c)
        const errors: Record<string, string> = {}
        for (const issue of err.issues) {
          const field = issue.path.split('.')[0] ?? ''
          const key = `share.profile.error.${field}.${camelCode(issue.code)}`
          errors[field] ??= t.has(key) ? t.t(key as 'share.profile.error.handle.taken') : issue.message
        }
        return settingsPage(c, userId, { values, errors, status: err.code === 'ERR_CONFLICT' ? 409 : 422 })
      }
      return c.redirect('/wallet/profile?done=saved', 303)
    })
    .get('/wallet/skills', async (c) => render(c, <SkillsView model={{ skills: await c.get('platform').share.skills(requireUser(c).id) }} />, { title: tOf(c).t('share.skills.title') }))
    .post('/wallet/share-links', async (c) => {
      const userId = requireUser(c).id
      const form = await readFormAll(c)
      const days = one(form['expiresInDays'])
      const credential = one(form['credential'])
      const collection = one(form['collection'])
      const { url, link } = await c.get('platform').share.createLink(userId, {
        ...(credential ? { credential } : {}),
        ...(collection ? { collection } : {}),
        ...(days ? { expiresInDays: Number(days) } : {}),
      })
      return render(c, <LinkCreatedView url={url} name={link.target.name ?? ''} />, { title: tOf(c).t('share.links.createdTitle'), status: 201 })
    })
    .post('/wallet/share-links/:id/revoke', async (c) => {
      await c.get('platform').share.revokeLink(requireUser(c).id, c.req.param('id'))
      return c.redirect('/wallet/profile?done=revoked#share-links', 303)
    })
    .get('/wallet/:id/download/:file', (c) => sendDownload(c, { userId: requireUser(c).id, itemId: c.req.param('id') }))

    .get('/u/:handle', async (c) => {
      const profile = await c.get('platform').share.publicProfile(c.req.param('handle'))
      const origin = c.get('platform').publicUrl
      const url = `${origin}/u/${profile.handle}`
      if (/application\/json/.test(c.req.header('accept') ?? '') && !/text\/html/.test(c.req.header('accept') ?? '')) {
        c.header('Cache-Control', 'no-store')
        c.header('Vary', 'Accept')
        return c.json({
          handle: profile.handle,
          url,
          name: profile.displayName,
          headline: profile.headline,
          bio: profile.bio,
          openToEmployers: profile.openToEmployers,
          credentials: profile.credentials.map((cr) => ({
            id: cr.id,
            credentialId: cr.credentialId,
            name: cr.name,
            description: cr.description,
            imageUrl: cr.imageUrl,
            issuer: cr.issuer,
            issuedAt: cr.issuedAt,
            expiresAt: cr.expiresAt,
            status: cr.verdict,
            verified: cr.verified,
            checkedAt: cr.checkedAt,
            url: cr.issuedHere ? `${origin}/c/${cr.issuedHere}` : `${url}/c/${encodeURIComponent(cr.id)}`,
            skills: cr.skills,
            credential: cr.document,
          })),
          collections: profile.collections.map((col) => ({ id: col.id, name: col.name, description: col.description, credentials: col.credentials.map((cr) => cr.id) })),
          skills: profile.skills,
        })
      }
      const t = tOf(c)
      const first = profile.credentials[0]
      const head = (
        <SocialMeta
          type="profile"
          title={profile.headline ? `${profile.displayName} — ${profile.headline}` : profile.displayName}
          description={profile.bio || t.t('share.public.description', { name: profile.displayName })}
          url={url}
          image={first ? previewImageOf(first, origin, `/u/${profile.handle}/c/${encodeURIComponent(first.id)}/download/badge.png`) : undefined}
          imageAlt={first ? t.t('share.embed.alt', { name: first.name, issuer: first.issuer.name }) : undefined}
        />
      )
      c.header('Vary', 'Accept')
      return render(c, <PublicProfileView model={profile} />, { title: t.t('share.public.profileOf', { name: profile.displayName }), description: t.t('share.public.description', { name: profile.displayName }), head })
    })
    .get('/u/:handle/c/:id', async (c) => {
      const handle = c.req.param('handle')
      const id = c.req.param('id')
      const opened = await c.get('platform').share.publicCredential(handle, id, c.get('fetchLocal'))
      const origin = c.get('platform').publicUrl
      const page = `/u/${opened.profile.handle}/c/${encodeURIComponent(id)}`
      return credentialPage(c, { ...opened, owner: opened.profile.displayName }, {
        pageUrl: `${origin}${page}`,
        downloadBase: `${page}/download`,
        publicUrl: `${origin}${page}`,
        back: { href: `/u/${opened.profile.handle}`, name: opened.profile.displayName },
      })
    })
    .get('/u/:handle/c/:id/download/:file', (c) => sendDownload(c, { handle: c.req.param('handle'), itemId: c.req.param('id') }))

    .get('/s/:token', async (c) => {
      const token = c.req.param('token')
      const viewer = signedInUser(c)?.id
      const opened = await c.get('platform').share.open(token, c.get('fetchLocal'), viewer)
      if (opened.kind === 'gone') return gone(c, opened.reason)
      const origin = c.get('platform').publicUrl
      const pageUrl = `${origin}/s/${token}`
      c.header('Referrer-Policy', 'no-referrer')
      if (opened.kind === 'credential') return credentialPage(c, opened, { pageUrl, downloadBase: `/s/${token}/download`, publicUrl: pageUrl, noindex: true })
      const t = tOf(c)
      const first = opened.collection.credentials[0]
      const head = (
        <SocialMeta
          title={opened.collection.name}
          description={opened.collection.description || (opened.owner ? t.t('share.shared.sharedBy', { name: opened.owner }) : opened.collection.name)}
          url={pageUrl}
          image={first ? previewImageOf(first, origin, `/s/${token}/c/${encodeURIComponent(first.id)}/download/badge.png`) : undefined}
          noindex
        />
      )
      return render(c, <SharedCollectionView model={{ collection: opened.collection, owner: opened.owner, token }} />, { title: opened.collection.name, head })
    })
    .get('/s/:token/download/:file', (c) => sendDownload(c, { token: c.req.param('token') }))
    .get('/s/:token/c/:id', async (c) => {
      const token = c.req.param('token')
      const id = c.req.param('id')
      const opened = await c.get('platform').share.openItem(token, id, c.get('fetchLocal'))
      if (opened.kind === 'gone') return gone(c, opened.reason)
      if (opened.kind !== 'credential') return c.notFound()
      const origin = c.get('platform').publicUrl
      const page = `/s/${token}/c/${encodeURIComponent(id)}`
      c.header('Referrer-Policy', 'no-referrer')
      return credentialPage(c, opened, { pageUrl: `${origin}${page}`, downloadBase: `${page}/download`, publicUrl: `${origin}${page}`, noindex: true })
    })
    .get('/s/:token/c/:id/download/:file', (c) => sendDownload(c, { token: c.req.param('token'), itemId: c.req.param('id') }))
