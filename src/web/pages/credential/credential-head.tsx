import type { AchievementView } from '../../../app/credentials/achievement-view.js'
import type { CredentialLinks } from './credential-links.js'

/** The link-preview tags of a credential page (OpenGraph, Twitter card), with absolute URLs. */
export function credentialHead(a: AchievementView, issuerName: string, links: CredentialLinks) {
  const title = `${a.name} — ${issuerName}`
  const description = (a.description || `A credential issued by ${issuerName}.`).slice(0, 300)
  // Previews want a raster image: the badge, or the baked PNG every credential has.
  const image = a.imageUrl ?? `${links.pageUrl}/badge.png`
  return (
    <>
      <link rel="canonical" href={links.pageUrl} />
      <link rel="alternate" type="application/vc" href={links.documentUrl} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content="Emblem" />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={links.pageUrl} />
      {image && <meta property="og:image" content={image} />}
      {image && <meta property="og:image:alt" content={`${a.name} badge`} />}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {image && <meta name="twitter:image" content={image} />}
    </>
  )
}
